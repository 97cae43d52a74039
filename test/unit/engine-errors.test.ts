import { describe, expect, it } from 'vitest';
import { REVIEWER_ERROR_CODES, ReviewerError } from '../../shared/reviewer-errors.js';
import { isConnectionFailure, isOffline, isTransient } from '../../electron/core/errors.js';

// The engine's one policy on what a failure means for its connection (electron/core/errors.ts), code by code.
describe('connection failure policy', () => {
  const verdicts = (code: (typeof REVIEWER_ERROR_CODES)[number]) => {
    const err = new ReviewerError(code, 'x');
    return { offline: isOffline(err), transient: isTransient(err), connection: isConnectionFailure(err) };
  };

  it('calls offline only a failure to get any answer; those are worth retrying and concern the connection', () => {
    for (const code of ['unreachable', 'dns_failed', 'timeout'] as const) {
      expect(verdicts(code)).toEqual({ offline: true, transient: true, connection: true });
    }
  });

  it('treats a refused key as a connection failure, but neither offline (the server answered) nor transient', () => {
    expect(verdicts('auth_failed')).toEqual({ offline: false, transient: false, connection: true });
  });

  it('retries a busy server later without marking the connection', () => {
    for (const code of ['rate_limited', 'server_error'] as const) {
      expect(verdicts(code)).toEqual({ offline: false, transient: true, connection: false });
    }
  });

  it('leaves every other code to the one request, and anything not a ReviewerError alone', () => {
    const connectionCodes = ['unreachable', 'dns_failed', 'timeout', 'auth_failed', 'rate_limited', 'server_error'];
    for (const code of REVIEWER_ERROR_CODES.filter((c) => !connectionCodes.includes(c))) {
      expect(verdicts(code)).toEqual({ offline: false, transient: false, connection: false });
    }
    const plain = Object.assign(new Error('x'), { code: 'unreachable' });
    expect([isOffline(plain), isTransient(plain), isConnectionFailure(plain)]).toEqual([false, false, false]);
  });
});
