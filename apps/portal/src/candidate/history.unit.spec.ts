import { describe, expect, it } from '@jest/globals';
import type { InstallationRequest } from '@guichet/contracts';
import { historyOf } from './history.js';

const request: InstallationRequest = {
  id: 'r-1',
  candidateId: 'u-1',
  status: 'awaiting_candidate',
  version: 6,
  createdAt: '2026-10-01T08:00:00Z',
  updatedAt: '2026-10-20T08:00:00Z',
  submittedAt: '2026-10-05T08:00:00Z',
  data: {},
};

describe('history of a case, as the candidate sees it', () => {
  it('tells the story newest first, without the candidate’s own reads', () => {
    const history = historyOf(
      request,
      [
        {
          id: 'i-1',
          question: 'Joindre votre attestation de stage',
          dueDate: '2026-11-01',
          status: 'answered',
          requestedBy: 'ars-1',
          requestedAt: '2026-10-10T08:00:00Z',
          answer: 'Jointe',
          answeredAt: '2026-10-12T08:00:00Z',
        },
      ],
      [
        { at: '2026-10-06T08:00:00Z', actorKind: 'caseworker-ars', actorName: 'Agnès', organisation: 'ARS Centre-Val de Loire', action: 'status-change' },
        { at: '2026-10-07T08:00:00Z', actorKind: 'candidate', action: 'read' },
      ],
    );
    expect(history.map((entry) => entry.text)).toEqual([
      'Vous avez répondu à la demande d’information',
      'Le guichet vous demande une information : « Joindre votre attestation de stage »',
      'L’ARS (Agnès, ARS Centre-Val de Loire) a changé le statut du dossier',
      'Demande déposée',
      'Demande commencée',
    ]);
  });
});
