// What the analyst types or pastes before anything reaches the engine: TTLs, share tokens, queue filters; and how
// errors and partner URLs come back out.
import { describe, expect, it } from 'vitest';
import i18n from '../../renderer/src/i18n/index.js';
import { parseCustomTtl } from '../../renderer/src/outbound/ttl.js';
import { ttlSeconds } from '../../renderer/src/outbound/TtlPicker.js';
import { readTokenClaims } from '../../renderer/src/imports/tokenClaims.js';
import { toQueueQuery, DEFAULT_FILTERS } from '../../renderer/src/queue/filters.js';
import { errorBody, errorText } from '../../renderer/src/i18n/errors.js';
import { openableExternalUrl } from '../../shared/external-url.js';
import { safeFileName } from '../../renderer/src/detail/caseReport.js';
import { flaggedFields } from '../../renderer/src/detail/kyc/flaggedFields.js';
import { formatCountdown, formatPercent, toPercentScale } from '../../renderer/src/common/format.js';
import { canDecide } from '../../renderer/src/decide/canDecide.js';
import { queueQuerySchema } from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('custom TTL', () => {
  it('accepts whole seconds within 60..86400 only', () => {
    expect(parseCustomTtl('60')).toEqual({ ok: true, seconds: 60 });
    expect(parseCustomTtl(' 86400 ')).toEqual({ ok: true, seconds: 86_400 });
    expect(parseCustomTtl('59')).toEqual({ ok: false, reason: 'outOfRange' });
    expect(parseCustomTtl('86401')).toEqual({ ok: false, reason: 'outOfRange' });
    expect(parseCustomTtl('-5')).toEqual({ ok: false, reason: 'outOfRange' });
    expect(parseCustomTtl('90.5')).toEqual({ ok: false, reason: 'notWhole' });
    expect(parseCustomTtl('1e3')).toEqual({ ok: false, reason: 'notANumber' });
    expect(parseCustomTtl('')).toEqual({ ok: false, reason: 'notANumber' });
    expect(parseCustomTtl('one hour')).toEqual({ ok: false, reason: 'notANumber' });
  });

  it('maps the presets to seconds and an invalid custom value to nothing to send', () => {
    expect(ttlSeconds({ preset: 'minute', custom: '' })).toBe(60);
    expect(ttlSeconds({ preset: 'hour', custom: 'junk' })).toBe(3_600);
    expect(ttlSeconds({ preset: 'day', custom: '' })).toBe(86_400);
    expect(ttlSeconds({ preset: 'custom', custom: '600' })).toBe(600);
    expect(ttlSeconds({ preset: 'custom', custom: '30' })).toBeNull();
  });
});

describe('pasted share tokens', () => {
  const claims = {
    session_id: 's1',
    from_application_id: 'a',
    for_application_id: 'b',
    session_kind: 'business',
    iat: 1_700_000_000,
    exp: 1_700_003_600,
    jti: 'j',
  };

  it('reveal their kind and expiry so the dialog offers matching workflows', () => {
    const token = `${b64url({ alg: 'HS256' })}.${b64url(claims)}.sig`;
    expect(readTokenClaims(`  ${token}\n`)).toMatchObject({ session_kind: 'business', exp: 1_700_003_600 });
  });

  it('give nothing for anything that is not a share token', () => {
    expect(readTokenClaims('hello')).toBeNull();
    expect(readTokenClaims('a.b.c')).toBeNull();
    expect(readTokenClaims(`x.${b64url({ session_kind: 'user' })}.y`)).toBeNull();
    expect(readTokenClaims(`x.${b64url({ ...claims, session_kind: 'robot' })}.y`)).toBeNull();
    expect(readTokenClaims(`x.${'A'.repeat(9_000)}.y`)).toBeNull();
  });
});

describe('queue filters', () => {
  it('turn into a query the engine accepts, matching both status spellings', () => {
    const query = toQueueQuery('inbox', {
      ...DEFAULT_FILTERS,
      search: '  Muñoz  ',
      status: 'In Review',
      kind: 'business',
      hasAmlHits: true,
      age: 'olderThanWeek',
      sort: 'risk',
    });
    expect(query).toEqual({
      view: 'inbox',
      sort: 'risk',
      statuses: ['In Review', 'IN_REVIEW'],
      kind: 'business',
      hasAmlHits: true,
      search: 'Muñoz',
      minAgeDays: 7,
    });
    expect(queueQuerySchema.safeParse({ ...query, offset: 0, limit: 100 }).success).toBe(true);
  });

  it('leave out what is not set and keep KYC-only statuses to their one spelling', () => {
    // Decided lists by decision time unless risk is asked for.
    expect(toQueueQuery('decided', DEFAULT_FILTERS)).toEqual({ view: 'decided', sort: 'decided' });
    expect(toQueueQuery('decided', { ...DEFAULT_FILTERS, sort: 'risk' })).toEqual({ view: 'decided', sort: 'risk' });
    expect(toQueueQuery('decided', { ...DEFAULT_FILTERS, status: 'Kyc Expired', age: 'today' })).toEqual({
      view: 'decided',
      sort: 'decided',
      statuses: ['Kyc Expired'],
      maxAgeDays: 0,
    });
    const long = toQueueQuery('inbox', { ...DEFAULT_FILTERS, search: 'x'.repeat(500) });
    expect(queueQuerySchema.safeParse({ ...long }).success).toBe(true);
  });
});

describe('errors', () => {
  it('are read from a ReviewerError or the plain object Electron passes, anything else is internal', () => {
    expect(errorBody(new ReviewerError('token_already_imported', 'x'))).toEqual({
      code: 'token_already_imported',
      message: 'x',
    });
    expect(errorBody({ code: 'validation', message: 'bad', field: 'ttlSeconds' })).toMatchObject({
      field: 'ttlSeconds',
    });
    expect(errorBody({ code: 'made_up', message: 'x' }).code).toBe('internal');
    expect(errorBody(new TypeError('Failed to fetch')).code).toBe('internal');
    expect(errorBody(null).code).toBe('internal');
  });

  it('are shown in the UI language, naming the field', async () => {
    await i18n.changeLanguage('en');
    expect(errorText(i18n.t, { code: 'token_expired_or_invalid', message: 'Token expired' })).toBe(
      'This share token is invalid or has expired. Ask the partner for a new one.',
    );
    expect(errorText(i18n.t, { code: 'validation', message: 'x', field: 'ttlSeconds' })).toBe(
      'Some of what you entered is not valid. (TTL)',
    );
    await i18n.changeLanguage('es');
    expect(errorText(i18n.t, new ReviewerError('token_not_for_application', 'x'))).toBe(
      'Este token para compartir se emitió para otra aplicación.',
    );
    await i18n.changeLanguage('en');
  });
});

describe('partner URLs, file names, warnings and numbers', () => {
  it('links only https URLs (more in external-links.test.tsx)', () => {
    expect(openableExternalUrl('https://example.org/x')).toBe('https://example.org/x');
    expect(openableExternalUrl('http://example.org/x')).toBeNull();
    expect(openableExternalUrl('javascript:alert(1)')).toBeNull();
    expect(openableExternalUrl('data:text/html,<b>')).toBeNull();
    expect(openableExternalUrl('not a url')).toBeNull();
  });

  it('keeps suggested report file names plain', () => {
    expect(safeFileName('case-123.pdf')).toBe('case-123.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd.pdf');
    expect(safeFileName('')).toBe('case-report.pdf');
  });

  it('highlights the ID fields a warning is about', () => {
    expect([...flaggedFields([{ risk: 'DOCUMENT_EXPIRED' }, { short_description: 'Name mismatch' }])].sort()).toEqual([
      'expiration_date',
      'first_name',
      'full_name',
      'last_name',
    ]);
    expect(flaggedFields(null).size).toBe(0);
  });

  it('formats countdowns, ownership shares and 0..1 scores', () => {
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(3_600)).toBe('1:00:00');
    expect(formatCountdown(-3)).toBe('0:00');
    expect(formatPercent(12.345, 'en')).toBe('12.35 %');
    expect(toPercentScale(0.93)).toBeCloseTo(93);
    expect(toPercentScale(88)).toBe(88);
  });

  it('lets only In Review sessions without a pending decision be decided', () => {
    expect(canDecide({ status: 'IN_REVIEW', decision: null })).toBe(true);
    expect(canDecide({ status: 'In Review', decision: 'conflict' })).toBe(true);
    expect(canDecide({ status: 'In Review', decision: 'queued' })).toBe(false);
    expect(canDecide({ status: 'Approved', decision: null })).toBe(false);
  });
});
