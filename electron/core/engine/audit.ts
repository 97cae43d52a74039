/** The audit trail: reading it a page at a time and verifying its hash chain. */
import type { Handler } from './state.js';

export const listAudit: Handler<'listAudit'> = async (s, query) => s.ctx.cache.listAudit(query);

export const verifyAudit: Handler<'verifyAudit'> = async (s) => s.ctx.cache.verifyAudit();
