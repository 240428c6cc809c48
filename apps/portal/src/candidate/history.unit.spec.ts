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

  it('says which partner received what and by which channel, and who read the proposals', () => {
    const { submittedAt: _notYet, ...draft } = request;
    const history = historyOf(draft, [], [
      { at: '2026-10-06T08:00:00Z', actorKind: 'partner', organisation: 'Assurance Maladie (CPAM) Indre-et-Loire', action: 'disclosure', channel: 'kafka', what: 'Dépôt de votre demande' },
      { at: '2026-10-06T09:00:00Z', actorKind: 'partner', organisation: 'Agence régionale de santé Centre-Val de Loire', action: 'disclosure', channel: 'webhook', what: 'Dépôt de votre demande' },
      { at: '2026-10-07T08:00:00Z', actorKind: 'caseworker-cpam', actorName: 'cpam.37', organisation: 'CPAM Indre-et-Loire', action: 'proposals-read', channel: 'http', what: 'Propositions d’installation du dossier' },
    ]);
    expect(history.map((entry) => entry.text)).toEqual([
      'L’Assurance Maladie (cpam.37, CPAM Indre-et-Loire) a consulté les propositions du dossier : Propositions d’installation du dossier',
      'Un partenaire (Agence régionale de santé Centre-Val de Loire) a reçu des informations du dossier par webhook : Dépôt de votre demande',
      'Un partenaire (Assurance Maladie (CPAM) Indre-et-Loire) a reçu des informations du dossier par son flux Kafka : Dépôt de votre demande',
      'Demande commencée',
    ]);
  });
});
