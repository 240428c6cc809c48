import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateAllocationResult, type AllocationResult, type Offer } from '@guichet/contracts';
import { bearer, eventually, housingInput, installationRequest, startRun, submitted, type TestRun } from './support.js';

const SUBMITTED = 'fr.sante.guichet.intake.request-submitted.v1';
const SEMESTER = { from: '2026-11-01', until: '2027-04-30' };

/** An intern of the CH of Chinon needing a bed for the semester, with this housing budget. */
function intern(budgetCents: number) {
  const base = installationRequest();
  return installationRequest({ needs: { ...base.needs, housing: { ...base.needs.housing!, maxMonthlyRent: { amountCents: budgetCents, currency: 'EUR' } } } });
}

describe('global allocation of internship beds: POST /v1/allocations/internship-housing', () => {
  let run: TestRun;
  let cheap: Offer;
  let dear: Offer;
  // Submitted in this order: the richer intern first, then two who can only afford the cheap housing.
  const rich = randomUUID();
  const modest = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    run = await startRun('allocation');
    const publisher = await bearer('publisher.37');
    const publish = async (overrides: Record<string, unknown>) => {
      const res = await run.http.post('/v1/offers').set('Authorization', publisher).send(housingInput('37072', overrides));
      expect(res.status).toBe(201);
      return res.body as Offer;
    };
    cheap = await publish({ title: 'Colocation de deux lits', beds: 2, monthlyPrice: { amountCents: 20_000, currency: 'EUR' } });
    dear = await publish({ title: 'Studio', beds: 1, monthlyPrice: { amountCents: 35_000, currency: 'EUR' } });
    await eventually(() => expect(run.running.deps.index.get(dear.id) && run.running.deps.index.get(cheap.id)).toBeTruthy());
    const arrivals: Array<[string, number, string]> = [
      [rich, 40_000, '2026-09-01T08:00:00.000Z'],
      [modest[0]!, 25_000, '2026-09-02T08:00:00.000Z'],
      [modest[1]!, 25_000, '2026-09-03T08:00:00.000Z'],
    ];
    for (const [id, budget, at] of arrivals) await run.intake.publish(SUBMITTED, { ...submitted(id, intern(budget)), submittedAt: at });
    await eventually(async () => {
      for (const [id] of arrivals) expect(await run.running.deps.requests.get(id)).not.toBeNull();
    });
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  const allocate = async (user: string, body: Record<string, unknown>) =>
    run.http.post('/v1/allocations/internship-housing').set('Authorization', await bearer(user)).send({ regionCode: '24', semester: SEMESTER, dryRun: true, ...body });
  const bedOf = (result: AllocationResult, requestId: string) => result.assignments.find((a) => a.requestId === requestId)?.offerId;

  it('houses every intern when some assignment does, several interns sharing a housing with several beds, and says why', async () => {
    const res = await allocate('ars.cvl', { strategy: 'optimal' });
    expect(res.status).toBe(200);
    const result = res.body as AllocationResult;
    expect(validateAllocationResult(result).ok).toBe(true);
    expect(result).toMatchObject({ strategy: 'optimal', regionCode: '24', semester: SEMESTER, waitingInterns: 3, bedsOffered: 3, unassignedRequestIds: [] });
    expect(bedOf(result, rich)).toBe(dear.id);
    expect(modest.map((id) => bedOf(result, id))).toEqual([cheap.id, cheap.id]);
    expect(result.objective?.code).toBe('most-housed-then-total-fit');
    expect(result.objective?.explanation).toMatch(/stable/);
  });

  it('first-come-first-served, for comparison, leaves the last modest intern without a bed', async () => {
    const res = await allocate('ars.cvl', { strategy: 'first-come-first-served' });
    expect(res.status).toBe(200);
    const result = res.body as AllocationResult;
    expect(bedOf(result, rich)).toBe(cheap.id);
    expect(bedOf(result, modest[0]!)).toBe(cheap.id);
    expect(result.unassignedRequestIds).toEqual([modest[1]]);
    expect(result.objective?.code).toBe('arrival-order');
  });

  it('gives the same assignments when asked again', async () => {
    const [first, second] = await Promise.all([allocate('ars.cvl', { strategy: 'optimal' }), allocate('admin.demo', { strategy: 'optimal' })]);
    expect(second.body.assignments).toEqual(first.body.assignments);
    expect(second.body.totalFit).toBe(first.body.totalFit);
  });

  it("refuses another region's caseworker, other roles, and a real run (beds are reserved through each intern's acceptance)", async () => {
    expect((await allocate('ars.idf', { strategy: 'optimal' })).status).toBe(403);
    expect((await allocate('publisher.37', { strategy: 'optimal' })).status).toBe(403);
    const real = await allocate('ars.cvl', { strategy: 'optimal', dryRun: false });
    expect(real.status).toBe(400);
    expect(JSON.stringify(real.body)).toMatch(/réserv/);
  });
});
