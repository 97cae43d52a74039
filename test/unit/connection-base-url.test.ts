/**
 * A connection's API key travels in every request, so its server address must be https, except for a server on
 * this machine (the embedded sandbox): the rule the engine applies to every new or edited connection.
 */
import { describe, expect, it } from 'vitest';
import { reviewerInputs } from '../../shared/reviewer-api.js';

const connection = (baseUrl: string) => ({
  name: 'Partner',
  baseUrl,
  applicationId: '6f1c2a9e-0d3b-4c71-9a55-7e2f8b6d4c10',
  role: 'receiver',
  apiKey: 'k',
});

describe('connection base URL', () => {
  it.each(['https://verification.didit.me', 'http://127.0.0.1:8787', 'http://localhost:3000', 'http://[::1]:9000'])(
    'accepts %s',
    (url) => {
      expect(reviewerInputs.addConnection.safeParse(connection(url)).success).toBe(true);
    },
  );

  it.each(['http://verification.didit.me', 'http://10.0.0.5:8080', 'http://127.0.0.1.evil.example', 'ftp://x.example'])(
    'refuses %s with a message that says why',
    (url) => {
      const parsed = reviewerInputs.addConnection.safeParse(connection(url));
      expect(parsed.success).toBe(false);
      const issue = parsed.error!.issues.find((i) => i.path[0] === 'baseUrl');
      expect(issue).toBeDefined();
    },
  );

  it('says what to do in the message', () => {
    const parsed = reviewerInputs.addConnection.safeParse(connection('http://partner.example'));
    expect(parsed.error!.issues[0].message).toMatch(/https/);
  });
});
