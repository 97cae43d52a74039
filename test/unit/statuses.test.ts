import { describe, expect, it } from 'vitest';
import { canonicalStatus, isFinishedStatus, isStatusOfKind, statusForKind } from '../../shared/didit/statuses.js';

describe('session statuses', () => {
  it('accepts both spellings for either kind', () => {
    expect(canonicalStatus('IN_REVIEW')).toBe('In Review');
    expect(canonicalStatus('In Review')).toBe('In Review');
    expect(canonicalStatus('NOT_STARTED')).toBe('Not Started');
    expect(canonicalStatus('in review')).toBeNull();
    expect(canonicalStatus('Finished')).toBeNull();
  });

  it('writes each kind in its own spelling', () => {
    expect(statusForKind('In Review', 'business')).toBe('IN_REVIEW');
    expect(statusForKind('AWAITING_USER', 'user')).toBe('Awaiting User');
    expect(statusForKind('Approved', 'user')).toBe('Approved');
    expect(() => statusForKind('Kyc Expired', 'business')).toThrow(/business/);
    expect(isStatusOfKind('Kyc Expired', 'user')).toBe(true);
    expect(isStatusOfKind('Kyc Expired', 'business')).toBe(false);
  });

  it('knows the finished statuses in both spellings', () => {
    for (const s of ['Approved', 'Declined', 'In Review', 'APPROVED', 'DECLINED', 'IN_REVIEW']) {
      expect(isFinishedStatus(s)).toBe(true);
    }
    for (const s of ['Not Started', 'IN_PROGRESS', 'Resubmitted', 'Expired', 'Abandoned', '']) {
      expect(isFinishedStatus(s)).toBe(false);
    }
  });
});
