import { describe, expect, it } from '@jest/globals';
import { checkTransition, TRANSITIONS } from './lifecycle.js';

describe('case lifecycle', () => {
  it('lets the candidate submit a draft, and nobody else', () => {
    expect(checkTransition('draft', 'submitted', 'candidate', undefined).ok).toBe(true);
    const byCaseworker = checkTransition('draft', 'submitted', 'caseworker', undefined);
    expect(byCaseworker).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'actor-not-allowed' }) });
  });

  it('refuses a jump that the lifecycle does not have, in French', () => {
    const decision = checkTransition('submitted', 'installed', 'caseworker', 'fait');
    expect(decision).toEqual({
      ok: false,
      refusal: { code: 'transition-not-allowed', detail: 'Un dossier « déposée » ne peut pas passer à « installé ».' },
    });
  });

  it('requires a reason when a person decides to close, install or ask for information', () => {
    expect(checkTransition('under_review', 'closed', 'caseworker', ' ')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'reason-required' }),
    });
    expect(checkTransition('in_progress', 'installed', 'caseworker', 'Installation à Chinon le 2 mars').ok).toBe(true);
    expect(checkTransition('under_review', 'awaiting_candidate', 'caseworker', undefined).ok).toBe(false);
  });

  it('goes back and forth between review and waiting on the candidate', () => {
    expect(checkTransition('under_review', 'awaiting_candidate', 'caseworker', 'Joindre votre attestation').ok).toBe(true);
    expect(checkTransition('awaiting_candidate', 'under_review', 'candidate', undefined).ok).toBe(true);
  });

  it('reserves proposals to the desk itself and acceptance to the candidate', () => {
    expect(checkTransition('under_review', 'proposals_ready', 'caseworker', 'x').ok).toBe(false);
    expect(checkTransition('under_review', 'proposals_ready', 'system', undefined).ok).toBe(true);
    expect(checkTransition('proposals_ready', 'accepted', 'caseworker', undefined).ok).toBe(false);
    expect(checkTransition('proposals_ready', 'accepted', 'candidate', undefined).ok).toBe(true);
  });

  it('lets the candidate withdraw an open case but not an ended one', () => {
    expect(checkTransition('in_progress', 'withdrawn', 'candidate', undefined).ok).toBe(true);
    expect(checkTransition('installed', 'withdrawn', 'candidate', undefined).ok).toBe(false);
    expect(checkTransition('closed', 'withdrawn', 'candidate', undefined).ok).toBe(false);
  });

  it('has no transition out of an ended case', () => {
    const fromEnded = TRANSITIONS.filter((t) => t.from.some((s) => s === 'installed' || s === 'closed' || s === 'withdrawn'));
    expect(fromEnded).toEqual([]);
  });
});
