/**
 * `x-api-key` authentication: the key names one application; routes also require a privilege.
 */
import type { FastifyRequest } from 'fastify';
import { AUTH_ERROR_DETAIL } from '../../shared/didit/api.js';
import type { SandboxCore } from '../sandbox-state.js';
import { detailError } from '../errors.js';
import type { Application, Privilege } from '../store/applications.js';

/** Without `privilege`, any valid key will do (the sandbox-only control routes). */
export function authenticate(core: SandboxCore, request: FastifyRequest, privilege?: Privilege): Application {
  const key = request.headers['x-api-key'];
  const app = typeof key === 'string' && key.length > 0 && key.length <= 500 ? core.apps.findByApiKey(key) : undefined;
  if (!app) throw detailError(403, 'not_authenticated', AUTH_ERROR_DETAIL);
  if (privilege && !app.privileges.includes(privilege)) {
    throw detailError(403, 'permission_denied', 'You do not have permission to perform this action.');
  }
  return app;
}
