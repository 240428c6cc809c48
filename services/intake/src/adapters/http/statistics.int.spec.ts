import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cloudEventSources, validateCaseStatistics, validateOpenDataStatistics, type CaseStatistics, type OpenDataStatistics } from '@guichet/contracts';
import { call, eventually, proposalSet, startTestIntake, submittedCase, tokenOf, type TestIntake } from '../test-support.js';

// The ARS's outcomes through HTTP on the real stack: twelve requests filed in Chinon (37), proposals
// two days later, then three days waiting on the candidates; the figures are known.

let intake: TestIntake;
const token: Record<string, string> = {};
const ids: string[] = [];
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const period = `from=${day(-1)}&to=${day(1)}`;

beforeAll(async () => {
  intake = await startTestIntake('statistics');
  for (const user of ['interne.demo', 'ars.cvl', 'ars.idf', 'cpam.37']) token[user] = await tokenOf(user);
  for (let index = 0; index < 12; index += 1) ids.push((await submittedCase(intake.url, token['interne.demo']!)).id);
  intake.clock.advanceDays(2);
  await intake.matching.publish(
    intake.config.MATCHING_TOPIC,
    ids.map((id) => {
      const set = proposalSet(id, intake.clock.now().toISOString());
      return {
        id: randomUUID(),
        type: 'fr.sante.guichet.matching.proposals-computed.v1',
        source: cloudEventSources.matching,
        subject: id,
        time: set.computedAt,
        key: id,
        data: set,
      };
    }),
  );
  for (const id of ids) {
    await eventually(async () =>
      (await call<{ status: string }>(intake.url, 'GET', `/v1/requests/${id}`, { token: token['interne.demo']! })).body.status === 'proposals_ready'
        ? true
        : undefined,
    );
  }
  intake.clock.advanceDays(3);
}, 120_000);

afterAll(async () => {
  await intake?.close();
});

const statistics = async (user: string, query = period) => {
  const answer = await call<CaseStatistics>(intake.url, 'GET', `/v1/statistics?${query}`, { token: token[user]! });
  expect(answer.status).toBe(200);
  expect(validateCaseStatistics(answer.body).ok).toBe(true);
  return answer.body;
};

describe('statistics of the caseworker’s territory', () => {
  it('counts the requests received by status and project, and the median delays, the candidate’s time excluded', async () => {
    const figures = await statistics('ars.cvl');
    expect(figures.territory).toEqual({ regions: ['24'], departements: [] });
    expect(figures.received).toBe(12);
    expect(figures.byStatus).toEqual([{ status: 'proposals_ready', count: 12 }]);
    expect(figures.byProject).toEqual([{ project: 'msp', count: 12 }]);
    expect(figures.firstProposal).toEqual({ medianDays: 2, cases: 12 });
    // Five days since submission, three of them waiting on the candidate.
    expect(figures.deskWaiting).toEqual({ medianDays: 2, cases: 12 });
    expect(figures.installation).toEqual({ medianDays: null, cases: 0 });
  });

  it('gives each caseworker the figures of their own territory only, and those of the period asked', async () => {
    expect((await statistics('cpam.37')).received).toBe(12);
    expect((await statistics('ars.idf')).received).toBe(0);
    expect((await statistics('ars.cvl', `from=${day(2)}&to=${day(10)}`)).received).toBe(0);
  });

  it('refuses a period without dates or upside down, in French, and a candidate', async () => {
    const refused = await call<{ errors: Array<{ field: string; detail: string }> }>(intake.url, 'GET', `/v1/statistics?from=${day(1)}&to=${day(-1)}`, {
      token: token['ars.cvl']!,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'to', detail: 'la fin de la période précède son début' }]);
    expect((await call(intake.url, 'GET', '/v1/statistics', { token: token['ars.cvl']! })).status).toBe(400);
    expect((await call(intake.url, 'GET', `/v1/statistics?${period}`, { token: token['interne.demo']! })).status).toBe(403);
  });

  it('exports open data in JSON and CSV, with no cell under 11 people', async () => {
    const json = await call<OpenDataStatistics>(intake.url, 'GET', `/v1/statistics/open-data?${period}`, { token: token['ars.cvl']! });
    expect(json.status).toBe(200);
    expect(validateOpenDataStatistics(json.body).ok).toBe(true);
    expect(json.body.rows).toContainEqual({
      indicator: 'demandes-recues',
      category: 'total',
      label: 'Demandes reçues',
      value: 12,
      people: 12,
      suppressed: null,
    });
    // No installation yet: a median over nobody is no figure.
    expect(json.body.rows.find((row) => row.indicator === 'delai-installation')).toMatchObject({ value: null, suppressed: 'primary' });
    for (const row of json.body.rows) if (row.suppressed === null) expect(row.people).toBeGreaterThanOrEqual(11);

    const csv = await fetch(`${intake.url}/v1/statistics/open-data?${period}&format=csv`, { headers: { authorization: `Bearer ${token['ars.cvl']!}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('indicateur;modalite;libelle;valeur;personnes;masquage');
    expect(lines).toContain('demandes-par-statut;proposals_ready;Demandes par statut : Propositions disponibles;12;12;');
  });
});
