import { describe, expect, it } from '@jest/globals';
import { eventCatalogue, type Consents, type EventType } from '@guichet/contracts';
import {
  allConsents,
  BLOIS,
  bundleAccepted,
  completeRequest,
  newCaseIds,
  noConsent,
  offerPlaces,
  proposalsComputed,
  requestErased,
  requestSubmitted,
  requestUpdated,
  requestWithdrawn,
  reservationConfirmed,
  reservationRejected,
  statusChanged,
  TOURS,
  type CaseIds,
} from '../../test/fixtures.js';
import { emptyCase, type CaseEvent, type CaseProjection } from './case-projection.js';
import { AUDIENCE_BY_PURPOSE, concerns, DISCLOSURE_POLICY, discloseOnly, fieldPaths, purposesOf, REQUEST_PURPOSES, type RequestPurpose } from './disclosure-policy.js';
import type { ProjectionContext } from './drafts.js';
import { partnerPersonalData } from './personal-data.js';
import { projectCase, type StakeholderMessage } from './project-case.js';
import { SOURCE_EVENT_TYPES, STAKEHOLDERS, stakeholderEventType, type Stakeholder } from './stakeholders.js';

const contextFor = (ids: CaseIds): ProjectionContext => {
  const offers = offerPlaces(ids);
  return { zoneOf: () => 'zip', offer: (id) => offers.get(id) };
};

/** Runs a case through its life and collects every stakeholder message, by family and source event. */
function play(events: readonly CaseEvent[], ids: CaseIds): { messages: StakeholderMessage[]; state: CaseProjection } {
  let state = emptyCase(ids.requestId);
  const messages: StakeholderMessage[] = [];
  events.forEach((event, index) => {
    const outcome = projectCase(state, { id: `source-${index}-${event.type}`, event }, contextFor(ids));
    state = outcome.state;
    messages.push(...outcome.messages);
  });
  return { messages, state };
}

function fullLife(consents: Consents): StakeholderMessage[] {
  const ids = newCaseIds();
  const request = completeRequest(consents);
  const confirmed = play(
    [
      requestSubmitted(ids, request),
      requestUpdated(ids, request),
      statusChanged(ids, 'submitted', 'under_review'),
      proposalsComputed(ids),
      bundleAccepted(ids),
      reservationConfirmed(ids),
      requestWithdrawn(ids),
      requestErased(ids),
    ],
    ids,
  );
  const rejectedIds = newCaseIds();
  const rejected = play([requestSubmitted(rejectedIds, request), proposalsComputed(rejectedIds), bundleAccepted(rejectedIds), reservationRejected(rejectedIds)], rejectedIds);
  return [...confirmed.messages, ...rejected.messages.filter((m) => m.type.includes('reservation-rejected'))];
}

const pathsOf = (messages: readonly StakeholderMessage[]) => [...new Set(messages.flatMap((m) => fieldPaths(m.payload)))].sort();

describe('disclosure policy', () => {
  it('has one row per stakeholder event of the contracts, and no other', () => {
    const rows = STAKEHOLDERS.flatMap((s) => SOURCE_EVENT_TYPES.filter((e) => DISCLOSURE_POLICY[s][e]).map((e) => stakeholderEventType(s, e)));
    const published = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder !== null);
    expect(rows.sort()).toEqual(published.sort());
  });

  it('gives every field a French purpose and lists it once per row', () => {
    for (const stakeholder of STAKEHOLDERS) {
      for (const row of Object.values(DISCLOSURE_POLICY[stakeholder])) {
        const fields = row.map((d) => d.field);
        expect(new Set(fields).size).toBe(fields.length);
        for (const disclosure of row) expect(disclosure.purpose).toMatch(/^[A-ZÉ].{15,}[.:]?/);
      }
    }
  });

  const consentCases = [
    ['with the consent of the candidate', allConsents, true],
    ['without consent', noConsent, false],
  ] as const;

  for (const [label, consents, consented] of consentCases) {
    const messages = fullLife(consents);
    for (const stakeholder of STAKEHOLDERS) {
      for (const [source, row] of Object.entries(DISCLOSURE_POLICY[stakeholder])) {
        it(`sends ${stakeholder} exactly its row on ${source}, ${label}`, () => {
          const sent = messages.filter((m) => m.type === stakeholderEventType(stakeholder, source as never));
          // Forgetting concerns only those who received an identity.
          if (source === 'request-erased' && !consented) {
            expect(sent).toEqual([]);
            return;
          }
          expect(sent.length).toBeGreaterThan(0);
          // The identity and the contact the row lets out are served by a call the event points to.
          const expected = row.filter((d) => consented || !d.requiresConsent).map((d) => (/^(identity|contact)\./.test(d.field) ? 'personalData.href' : d.field));
          expect(pathsOf(sent)).toEqual([...new Set(expected)].sort());
        });
      }
    }
  }

  it('produces payloads that satisfy the published contracts', () => {
    for (const message of [...fullLife(allConsents), ...fullLife(noConsent)]) {
      const entry = eventCatalogue[message.type as EventType];
      const result = entry.validate(message.payload);
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });

  it('never gives the CPAM or the Ordre spouse, housing or family data', () => {
    for (const stakeholder of ['cpam', 'ordre'] as const) {
      const fields = Object.values(DISCLOSURE_POLICY[stakeholder]).flatMap((row) => row.map((d) => d.field));
      expect(fields.filter((f) => /spouse|housing|demand|contact|people|internship|placement/i.test(f))).toEqual([]);
    }
    const sent = fullLife(allConsents).filter((m) => m.stakeholder !== 'collectivites');
    const text = JSON.stringify(sent.map((m) => m.payload));
    for (const secret of ['education-enseignement', 'professeure', 'lea.martin@example.org', '06 12 34 56 78', 'Université']) expect(text).not.toContain(secret);
  });

  it('drops any field outside the row, at any depth', () => {
    const allowed = new Set(['a', 'b.c', 'list[].x']);
    const noisy = { a: 1, z: 2, b: { c: 3, d: 4 }, list: [{ x: 1, y: 2 }], extra: { a: 1 }, scalars: [1, 2] };
    expect(discloseOnly(noisy, allowed)).toEqual({ a: 1, b: { c: 3 }, list: [{ x: 1 }] });
    for (let round = 0; round < 50; round += 1) {
      const junk = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${round}-${i}`, { nested: [{ deep: i }], value: `v${i}` }]));
      const kept = discloseOnly({ ...noisy, ...junk }, allowed);
      expect(fieldPaths(kept).every((path) => allowed.has(path))).toBe(true);
    }
  });
});

describe('local authorities', () => {
  const messagesFor = (stakeholder: Stakeholder, events: readonly CaseEvent[], ids: CaseIds) => play(events, ids).messages.filter((m) => m.stakeholder === stakeholder);

  it('each receive only the demand located in their département', () => {
    const ids = newCaseIds();
    const request = completeRequest(allConsents);
    request.targets = { communes: [BLOIS] };
    const sent = messagesFor('collectivites', [requestSubmitted(ids, request)], ids);
    const byDepartement = Object.fromEntries(sent.map((m) => [(m.payload['territory'] as { departements: string[] }).departements.join(), m.payload]));
    expect(Object.keys(byDepartement).sort()).toEqual(['37', '41']);
    expect(byDepartement['41']).toMatchObject({ territory: { regions: ['24'], departements: ['41'], communes: [BLOIS] }, demand: { premises: { surfaceM2Min: 15 } } });
    expect(byDepartement['41']).not.toHaveProperty('demand.housing');
    expect(byDepartement['41']).not.toHaveProperty('dates.internshipStart');
    expect(byDepartement['37']).toMatchObject({ territory: { departements: ['37'], communes: [TOURS] }, demand: { housing: { people: 2 } }, dates: { internshipStart: '2026-11-02' } });
    expect(byDepartement['37']).not.toHaveProperty('demand.premises');
  });

  it('receive the contact only with consent, and the erasure only if they received it', () => {
    const ids = newCaseIds();
    const events = (consents: Consents) => [requestSubmitted(ids, completeRequest(consents)), proposalsComputed(ids), bundleAccepted(ids), requestErased(ids)];
    const withConsent = messagesFor('collectivites', events({ ...noConsent, collectivites: true }), ids);
    expect(withConsent.find((m) => m.type.endsWith('bundle-accepted.v1'))?.payload).toHaveProperty('personalData.href', `/v1/partner-cases/${ids.requestId}/personal-data`);
    const before = play(events({ ...noConsent, collectivites: true }).slice(0, 3), ids).state;
    expect(partnerPersonalData(before, { clientId: 'partner-collectivite', stakeholder: 'collectivites', scope: { regions: [], departements: ['37'] } })?.contact).toHaveProperty('email', 'lea.martin@example.org');
    expect(partnerPersonalData(before, { clientId: 'partner-collectivite', stakeholder: 'collectivites', scope: { regions: [], departements: ['18'] } })).toBeUndefined();
    expect(partnerPersonalData(before, { clientId: 'partner-cpam', stakeholder: 'cpam', scope: { regions: [], departements: ['37'] } })).toBeUndefined();
    expect(withConsent.filter((m) => m.type.endsWith('request-erased.v1'))).toHaveLength(1);
    const without = messagesFor('collectivites', events(noConsent), ids);
    expect(without.find((m) => m.type.endsWith('bundle-accepted.v1'))?.payload).not.toHaveProperty('personalData');
    expect(without.filter((m) => m.type.endsWith('request-erased.v1'))).toHaveLength(0);
  });
});

describe('erasure', () => {
  it('is forwarded to every family that received the identity, and the case forgets the person', () => {
    const ids = newCaseIds();
    const { messages, state } = play(
      [requestSubmitted(ids, completeRequest({ ars: true, cpam: false, ordre: true, collectivites: false })), proposalsComputed(ids), bundleAccepted(ids), requestErased(ids)],
      ids,
    );
    const erasedTo = messages.filter((m) => m.type.endsWith('.request-erased.v1')).map((m) => m.stakeholder);
    expect(erasedTo.sort()).toEqual(['ars', 'ordre']);
    expect(JSON.stringify(state)).not.toMatch(/Léa|Martin|lea\.martin|10001234565/);
    expect(JSON.stringify(messages)).not.toMatch(/Léa|Martin|lea\.martin|10001234565/);
    expect(partnerPersonalData(state, { clientId: 'partner-ordre', stakeholder: 'ordre', scope: { regions: [], departements: ['37'] } })).toBeUndefined();
  });

  it('holds matching’s answer read before the request it answers, then tells it in order', () => {
    const ids = newCaseIds();
    const early = projectCase(emptyCase(ids.requestId), { id: 'proposals', event: proposalsComputed(ids) }, contextFor(ids));
    expect(early.messages).toEqual([]);
    const then = projectCase(early.state, { id: 'submitted', event: requestSubmitted(ids) }, contextFor(ids));
    const ars = then.messages.filter((m) => m.stakeholder === 'ars').map((m) => m.payload['sourceEventType']);
    expect(ars).toEqual(['request-submitted', 'proposals-computed']);
    expect(then.state.deferred).toEqual([]);
  });

  it('derives the same stakeholder event ids from the same source event', () => {
    const ids = newCaseIds();
    const source = { id: 'same-source', event: requestSubmitted(ids) };
    const first = projectCase(emptyCase(ids.requestId), source, contextFor(ids)).messages.map((m) => m.id);
    const again = projectCase(emptyCase(ids.requestId), source, contextFor(ids)).messages.map((m) => m.id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});

describe('stakeholders by purpose: who is told of a request, by what it concerns and where', () => {
  const base = completeRequest(allConsents);
  const internship = { communeCode: BLOIS, hospitalName: 'CH de Blois', startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: true };
  const housing = { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: 40000, currency: 'EUR' as const }, people: 1 };
  const spouseJob = base.needs.spouseJob!;
  const noAids = { interested: false };
  const intern = { ...base, status: 'intern' as const, internship, aids: noAids, needs: {} };

  // [request, what it concerns, families told on submission, départements the collectivités hear of]
  const table = [
    ['an intern asking only for internship housing', { ...intern, needs: { housing } }, ['internship-housing'], ['ars', 'collectivites'], ['37', '41']],
    ['an intern asking only for a job for the spouse', { ...intern, needs: { spouseJob } }, ['spouse-job'], ['ars', 'collectivites'], ['37', '41']],
    ['an intern asking only about aids', { ...intern, aids: { interested: true, schemeIds: ['cesp'] } }, ['aids'], ['ars', 'collectivites'], ['37', '41']],
    ['a doctor who has defended the thesis, replacing', { ...base, status: 'graduated-doctor' as const, internship: undefined, practice: { ...base.practice, mode: 'locum' as const }, needs: {}, aids: noAids }, ['replacement'], ['ars', 'cpam', 'ordre', 'collectivites'], ['37']],
    ['an installed doctor asking about aids', { ...base, status: 'installed-doctor' as const, internship: undefined, needs: {} }, ['installation', 'aids'], ['ars', 'cpam', 'ordre', 'collectivites'], ['37']],
    ['a docteur junior preparing an installation with premises, internship housing, a spouse job and aids', base, ['installation', 'internship-housing', 'spouse-job', 'aids'], ['ars', 'cpam', 'ordre', 'collectivites'], ['37']],
  ] as const;

  for (const [label, request, purposes, told, departements] of table) {
    it(`${label}: concerns ${purposes.join(', ')}; told: ${told.join(', ')}`, () => {
      const ids = newCaseIds();
      const { messages, state } = play([requestSubmitted(ids, request as typeof base)], ids);
      expect(purposesOf(state.profile)).toEqual(purposes);
      expect([...new Set(messages.map((m) => m.stakeholder))].sort()).toEqual([...told].sort());
      const collectivites = messages.filter((m) => m.stakeholder === 'collectivites');
      expect(collectivites.flatMap((m) => (m.payload['territory'] as { departements: string[] }).departements).sort()).toEqual([...departements]);
      for (const m of messages.filter((m) => m.stakeholder === 'ars')) expect((m.payload['territory'] as { regions: string[] }).regions).toEqual(['24']);
    });
  }

  it('the table: the ARS always, the CPAM and the Ordre only for an installation or a replacement, the collectivités by place', () => {
    const concerned = (purpose: RequestPurpose) => STAKEHOLDERS.filter((s) => concerns(s, [purpose]));
    expect(Object.fromEntries(REQUEST_PURPOSES.map((p) => [p, concerned(p)]))).toEqual({
      installation: ['ars', 'cpam', 'ordre', 'collectivites'],
      replacement: ['ars', 'cpam', 'ordre', 'collectivites'],
      'internship-housing': ['ars', 'collectivites'],
      'spouse-job': ['ars', 'collectivites'],
      aids: ['ars', 'collectivites'],
    });
    expect(STAKEHOLDERS.filter((s) => concerns(s, []))).toEqual(['ars', 'collectivites']);
    for (const s of STAKEHOLDERS) expect(AUDIENCE_BY_PURPOSE[s].where.length + AUDIENCE_BY_PURPOSE[s].why.length).toBeGreaterThan(40);
  });

  it('the ARS sees a docteur junior’s 4th-year placement, where and when, zoned at the placement on its first day; an intern’s internship is not one', () => {
    const LE_BLANC = '36018';
    const placement = { communeCode: LE_BLANC, hospitalName: 'CH du Blanc', startDate: '2026-11-02', endDate: '2027-10-31', ambulatory: false };
    const asked: string[] = [];
    const context: ProjectionContext = {
      zoneOf: (commune, on) => {
        asked.push(`${commune}@${on}`);
        return commune === LE_BLANC ? 'zip' : 'none';
      },
      offer: () => undefined,
    };
    const arsPayloadOf = (request: typeof base) => {
      const ids = newCaseIds();
      const { messages } = projectCase(emptyCase(ids.requestId), { id: 'submitted', event: requestSubmitted(ids, request) }, context);
      return messages.find((m) => m.stakeholder === 'ars')?.payload;
    };
    const junior = arsPayloadOf({ ...base, internship: placement });
    expect(junior).toMatchObject({ candidateStatus: 'junior-doctor', placement: { communeCode: LE_BLANC, zone: 'zip', startDate: '2026-11-02', endDate: '2027-10-31' } });
    expect(junior?.['placement']).not.toHaveProperty('hospitalName');
    expect(asked).toContain(`${LE_BLANC}@2026-11-02`);
    expect(eventCatalogue['fr.sante.guichet.stakeholder.ars.request-submitted.v1'].validate(junior)).toMatchObject({ ok: true });
    expect(arsPayloadOf({ ...intern, internship: placement } as typeof base)).not.toHaveProperty('placement');
  });

  it('an intern’s housing request stays away from the CPAM and the Ordre through its whole life, withdrawal included', () => {
    const ids = newCaseIds();
    const { messages } = play([requestSubmitted(ids, { ...intern, needs: { housing } } as typeof base), statusChanged(ids, 'submitted', 'under_review'), proposalsComputed(ids), requestWithdrawn(ids), requestErased(ids)], ids);
    expect(messages.filter((m) => m.stakeholder === 'cpam' || m.stakeholder === 'ordre')).toEqual([]);
    expect(messages.some((m) => m.stakeholder === 'ars')).toBe(true);
  });
});
