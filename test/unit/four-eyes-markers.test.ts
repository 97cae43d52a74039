/**
 * Four-eyes markers (issue 9, item 5): the proposal marker published on the reviews feed is machine-readable, read
 * back with the proposer's name, words and reasons, and never shown to people (stripMarker removes every marker).
 */
import { describe, expect, it } from 'vitest';
import {
  composeProposalComment,
  confirmMarker,
  parseProposalMarker,
  stripMarker,
  withdrawMarker,
} from '../../shared/decision-text.js';
import { proposalFromComment } from '../../electron/core/engine/four-eyes.js';

const id = '0b3f0c1e-1111-4222-8333-444455556666';
const hash = 'ab'.repeat(32);

describe('four-eyes markers', () => {
  it('round-trips a proposal through its feed comment, and people never see the marker', () => {
    const comment = composeProposalComment({
      id,
      newStatus: 'Declined',
      evidenceHash: hash,
      analystName: 'Ana Ruiz',
      comment: 'Face does not match.\nSecond line.',
      reasons: [{ code: 'FACE_MISMATCH', label: 'Face does not match the document' }],
    });
    expect(parseProposalMarker(comment)).toEqual({ id, newStatus: 'Declined', evidenceHash: hash });
    expect(proposalFromComment(comment)).toEqual({
      name: 'Ana Ruiz',
      words: 'Face does not match.\nSecond line.',
      reasons: [{ code: 'FACE_MISMATCH', label: 'Face does not match the document' }],
    });
    const shown = stripMarker(comment);
    expect(shown).not.toMatch(/cs-propose|\[cs/);
    expect(shown.startsWith('Ana Ruiz proposes to decline: Face does not match.')).toBe(true);
  });

  it('strips confirm and withdraw markers and the exactly-once marker alike', () => {
    const text = `Ok. Four-eyes: proposed by Ana, confirmed by Ben. ${confirmMarker(id)}\n[cs:${id}] — Ben via Countersign`;
    expect(stripMarker(text)).toBe('Ok. Four-eyes: proposed by Ana, confirmed by Ben.\n— Ben via Countersign');
    expect(stripMarker(`${withdrawMarker(id)} Ana withdrew.`)).toBe('Ana withdrew.');
    expect(parseProposalMarker('no marker here')).toBeNull();
  });
});
