import { describe, expect, it } from '@jest/globals';
import { proposalsReadEvent } from './proposals-read.js';

const requestId = '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30';
const meta = { id: '0b8f6c8e-2f7a-4d0e-9a59-1d1f9a7b2c11', at: '2026-12-07T10:00:00.000Z' };

describe('a read of a case’s proposals, for the candidate’s access log', () => {
  it('is a record of the case with the one access: the CPAM caseworker, their CPAM, when and what', () => {
    const event = proposalsReadEvent({ id: 'cpam-37-id', name: 'cpam.37', roles: ['caseworker-cpam'], regions: ['24'], departements: ['37'] }, requestId, meta);
    expect(event).toMatchObject({ id: meta.id, type: 'fr.sante.guichet.audit.case-accesses.v1', key: requestId, subject: requestId, time: meta.at });
    expect(event.data).toEqual({
      requestId,
      accesses: [
        { id: meta.id, at: meta.at, actorKind: 'caseworker-cpam', actorId: 'cpam-37-id', actorName: 'cpam.37', organisation: 'CPAM Indre-et-Loire', action: 'proposals-read', channel: 'http', what: 'Propositions d’installation du dossier (offres et aides évaluées)' },
      ],
    });
  });

  it('names the desk’s administration for an administrator without a name', () => {
    const event = proposalsReadEvent({ id: 'admin-id', roles: ['admin'], regions: [], departements: [] }, requestId, meta);
    expect(event.data.accesses).toEqual([expect.objectContaining({ actorKind: 'admin', organisation: 'Administration du guichet' })]);
    expect(event.data.accesses[0]).not.toHaveProperty('actorName');
  });
});
