/**
 * Imported first by every entry point that runs under the app's CSP (renderer/src/main.tsx, the Electron preload),
 * before any schema is built: zod compiles object parsers with `new Function` unless told not to, and its probe for
 * that alone makes the CSP (no eval) report a violation.
 */
import { config } from 'zod';

config({ jitless: true });
