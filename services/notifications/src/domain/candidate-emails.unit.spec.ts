import { describe, expect, it } from '@jest/globals';
import { newCaseIds, proposalsComputed, requestSubmitted, reservationConfirmed, reservationRejected, statusChanged } from '../../test/fixtures.js';
import { emailTriggerOf, endsCorrespondence, frenchDate, renderEmail, type EmailTrigger } from './candidate-emails.js';

const recipient = { email: 'lea.martin@example.org', firstName: 'Léa', lastName: 'Martin' };
const ids = newCaseIds();

describe('candidate e-mails', () => {
  it('are sent on the status changes that matter to the candidate, and only those', () => {
    const kinds = [
      requestSubmitted(ids),
      statusChanged(ids, 'submitted', 'under_review'),
      statusChanged(ids, 'under_review', 'awaiting_candidate'),
      statusChanged(ids, 'under_review', 'proposals_ready'),
      statusChanged(ids, 'proposals_ready', 'proposals_ready'),
      reservationConfirmed(ids),
      reservationRejected(ids),
      statusChanged(ids, 'in_progress', 'installed'),
      statusChanged(ids, 'in_progress', 'closed'),
    ].map((event) => emailTriggerOf(event)?.kind);
    expect(kinds).toEqual(['submitted', undefined, 'information-requested', 'proposals-ready', undefined, 'reservation-confirmed', 'reservation-rejected', 'installed', undefined]);
  });

  it('tell the candidate when a re-matching finds a better bundle, and not of a mere recomputation', () => {
    const recomputed = proposalsComputed(ids);
    expect(emailTriggerOf(recomputed)).toBeUndefined();
    const better = { ...recomputed, data: { ...recomputed.data, improvement: { bundleId: ids.bundleId, rank: 1, score: 82.5, previousBestScore: 64 } } };
    const trigger = emailTriggerOf(better);
    expect(trigger).toEqual({ kind: 'better-proposal', rank: 1 });
    const mail = renderEmail(trigger!, recipient, ids.requestId, 'https://guichet.example');
    expect(mail.subject).toBe('Une meilleure proposition d’installation vous attend');
    expect(mail.text).toContain('proposition (n° 1) meilleure que celles que vous aviez reçues');
  });

  it('stop needing the address once the case is over', () => {
    expect(endsCorrespondence(statusChanged(ids, 'in_progress', 'installed'))).toBe(true);
    expect(endsCorrespondence(statusChanged(ids, 'submitted', 'under_review'))).toBe(false);
  });

  it('are written in French with the dates in French', () => {
    expect(frenchDate('2026-10-20')).toBe('20 octobre 2026');
    const trigger = emailTriggerOf(statusChanged(ids, 'under_review', 'awaiting_candidate')) as EmailTrigger;
    const mail = renderEmail(trigger, recipient, ids.requestId, 'https://guichet.example/suivi');
    expect(mail.subject).toBe('Le guichet a besoin d’informations complémentaires');
    expect(mail.text).toContain('Bonjour Léa Martin,');
    expect(mail.text).toContain('« Merci de préciser les dates de votre stage. »');
    expect(mail.text).toContain('Merci de répondre avant le 20 octobre 2026.');
    expect(mail.text).toContain(`référence ${ids.requestId.slice(0, 8).toUpperCase()}) : https://guichet.example/suivi/candidat/demandes/${ids.requestId}/suivi`);
  });

  it('have a subject of their own for every kind, and tell the reason of a failed reservation', () => {
    const triggers: EmailTrigger[] = [
      { kind: 'submitted', submittedAt: '2026-10-06T10:12:00Z' },
      { kind: 'information-requested' },
      { kind: 'proposals-ready' },
      { kind: 'better-proposal', rank: 1 },
      { kind: 'reservation-confirmed' },
      { kind: 'reservation-rejected', reason: 'Le logement a été attribué entre-temps.' },
      { kind: 'installed' },
    ];
    const mails = triggers.map((t) => renderEmail(t, recipient, ids.requestId, 'https://guichet.example'));
    expect(new Set(mails.map((m) => m.subject)).size).toBe(triggers.length);
    expect(mails[0]?.text).toContain('le 6 octobre 2026');
    expect(mails[5]?.text).toContain('« Le logement a été attribué entre-temps. »');
    for (const mail of mails) expect(mail.text).not.toMatch(/undefined|null/);
  });
});
