// Imported first by main.tsx, before any schema is built: zod compiles object parsers with `new Function`
// unless told not to, and the CSP (no eval) would log a violation for its probe.
import { config } from 'zod';

config({ jitless: true });
