import { describe, expect, it } from '@jest/globals';
import { validateCaseAccesses } from '@guichet/contracts';
import { disclosureRecords, streamDisclosures, webhookDisclosure, type DisclosedEvent, type Disclosure } from './disclosures.js';

const event: DisclosedEvent & { territory: NonNullable<DisclosedEvent['territory']> } = {
  id: '0b8f6c8e-2f7a-4d0e-9a59-1d1f9a7b2c11',
  type: 'fr.sante.guichet.stakeholder.cpam.request-submitted.v1',
  requestId: '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30',
  time: '2026-10-07T09:00:00Z',
  territory: { regions: ['24'], departements: ['37', '41'], communes: ['37072'] },
};

describe('disclosures to partners', () => {
  it('are one per territorial stream the event is published on, each said in French', () => {
    const disclosures = streamDisclosures(event, (family) => (family === 'cpam' ? 'partner-cpam' : undefined));
    expect(disclosures.map((d) => d.data)).toEqual([
      { requestId: event.requestId, at: event.time, actorKind: 'partner', actorId: 'partner-cpam', organisation: 'Assurance Maladie (CPAM) Indre-et-Loire', action: 'disclosure', channel: 'kafka', what: 'Dépôt de votre demande' },
      { requestId: event.requestId, at: event.time, actorKind: 'partner', actorId: 'partner-cpam', organisation: 'Assurance Maladie (CPAM) Loir-et-Cher', action: 'disclosure', channel: 'kafka', what: 'Dépôt de votre demande' },
    ]);
  });

  it('keep their ids when the same event is disclosed again, and name the stream when the family has no single partner', () => {
    const [first] = streamDisclosures(event, () => undefined);
    const [again] = streamDisclosures(event, () => undefined);
    expect(again?.id).toBe(first?.id);
    expect(first?.data.actorId).toBe('stakeholder.cpam.departement-37.v1');
  });

  it('are none for an event without territory', () => {
    const { territory: _ignored, ...placeless } = event;
    expect(streamDisclosures(placeless, () => 'partner-cpam')).toEqual([]);
  });

  it('by webhook name the subscribing client and its territory', () => {
    const delivery = { id: 'd-1', eventType: 'fr.sante.guichet.stakeholder.ars.proposals-computed.v1', requestId: event.requestId };
    const disclosure = webhookDisclosure(delivery, { clientId: 'partner-ars', stakeholder: 'ars', scope: { regions: ['24'], departements: [] } }, '2026-10-07T09:00:03Z');
    expect(disclosure.data).toEqual({
      requestId: event.requestId, at: '2026-10-07T09:00:03Z', actorKind: 'partner', actorId: 'partner-ars',
      organisation: 'Agence régionale de santé Centre-Val de Loire', action: 'disclosure', channel: 'webhook', what: 'Propositions d’installation calculées',
    });
    expect(webhookDisclosure(delivery, { clientId: 'partner-ars', stakeholder: 'ars', scope: { regions: ['24'], departements: [] } }, 'later').id).toBe(disclosure.id);
  });
});

describe('records of disclosures on the access topic', () => {
  const cpam = (family: string) => (family === 'cpam' ? 'partner-cpam' : undefined);
  const otherCase = { ...event, id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', requestId: '2c1d3b0e-8b5e-4f3a-9d6c-0e4a7b2f9c31', time: '2026-10-07T09:00:05Z' };

  it('carry every disclosure of a write, one record per case, each disclosure with its id and what the candidate reads', () => {
    const disclosures = [...streamDisclosures(event, cpam), ...streamDisclosures(otherCase, cpam)];
    const records = disclosureRecords(disclosures);
    expect(records.map((r) => r.data.requestId)).toEqual([event.requestId, otherCase.requestId]);
    const carried = records.flatMap((r) => r.data.accesses.map(({ id, ...access }) => ({ id, data: { requestId: r.data.requestId, ...access } })));
    expect(carried).toEqual(disclosures);
    for (const record of records) expect(validateCaseAccesses(record.data).ok).toBe(true);
    expect(records[1]?.time).toBe(otherCase.time);
  });

  it('keep their id when the same disclosures are recorded again, in any order, and carry a disclosure once', () => {
    const disclosures = streamDisclosures(event, cpam);
    const [record] = disclosureRecords(disclosures);
    const [again] = disclosureRecords([...disclosures].reverse().concat(disclosures));
    expect(again?.id).toBe(record?.id);
    expect(again?.data.accesses).toHaveLength(disclosures.length);
    expect(disclosureRecords(disclosures.slice(1))[0]?.id).not.toBe(record?.id);
  });

  it('stay within the contract when a write discloses more than a record may carry', () => {
    const many: Disclosure[] = Array.from({ length: 450 }, (_, i) => webhookDisclosure({ id: `d-${i}`, eventType: event.type, requestId: event.requestId }, { clientId: 'partner-cpam', stakeholder: 'cpam', scope: { regions: [], departements: ['37'] } }, event.time));
    const records = disclosureRecords(many);
    expect(records.map((r) => r.data.accesses.length)).toEqual([200, 200, 50]);
    for (const record of records) expect(validateCaseAccesses(record.data).ok).toBe(true);
    expect(new Set(records.flatMap((r) => r.data.accesses.map((a) => a.id)))).toEqual(new Set(many.map((d) => d.id)));
  });
});
