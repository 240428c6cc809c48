import { departementsOfRegion } from '@guichet/territory';
import { fieldErrorsFromValidationErrors, validateAllocationCommand, type AllocationCommand, type AllocationObjective, type AllocationResult, type BedAssignment } from '@guichet/contracts';
import { allocateBeds, allocateBedsFirstComeFirstServed, buildAllocationProblem, distanceKm, roundKm, type WaitingIntern } from '../../domain/index.js';
import type { CommuneDirectory, OfferSource } from '../../read-model/index.js';
import { reachesRegion, type Caller } from '../caller.js';
import type { RequestStore, Runtime, StoredRequest } from '../ports.js';
import { fail, invalid, ok, type Result } from '../result.js';

export interface AllocationDeps {
  readonly requests: RequestStore;
  readonly index: OfferSource;
  readonly communes: CommuneDirectory;
  readonly runtime: Runtime;
}

const OBJECTIVES: Record<AllocationCommand['strategy'], AllocationObjective> = {
  optimal: {
    code: 'most-housed-then-total-fit',
    explanation:
      "Affectation globale et déterministe : d'abord loger le plus grand nombre d'internes, puis maximiser l'adéquation totale (70 % proximité du lieu de stage, 30 % loyer au regard du budget). " +
      "Nous ne cherchons pas une affectation stable (Gale-Shapley) : les logeurs ne classent pas les internes — qui peut être accueilli est une condition oui/non déjà vérifiée —, la stabilité ne protégerait donc personne, " +
      "alors qu'elle peut laisser un interne sans lit quand une autre affectation loge tout le monde.",
  },
  'first-come-first-served': {
    code: 'arrival-order',
    explanation:
      "Premier arrivé, premier servi, pour comparaison : chaque interne, dans l'ordre de dépôt de sa demande, prend le lit libre qui lui convient le mieux. Peut laisser sans lit des internes qu'une affectation globale logerait.",
  },
};

/**
 * Global allocation of a semester's internship beds in a region: every waiting intern at once —
 * open requests needing housing whose internship lies in the region and starts within the
 * semester — over every bed of the region's housing offers available for their whole stay. The
 * same requests and offers always give the same result. Beds are not reserved here: each intern
 * gets the bed through their own proposals and acceptance (`dryRun: false` is refused).
 */
export async function allocateInternshipHousing(deps: AllocationDeps, caller: Caller, body: unknown): Promise<Result<AllocationResult>> {
  const checked = validateAllocationCommand(body);
  if (!checked.ok) return invalid(fieldErrorsFromValidationErrors(checked.errors));
  const command = checked.value;
  if (command.semester.until < command.semester.from) return invalid([{ field: 'semester.until', detail: 'la fin du semestre précède son début' }]);
  if (command.dryRun === false) {
    return invalid(
      [{ field: 'dryRun', detail: "seul le calcul est proposé : les lits sont réservés quand chaque interne accepte sa proposition" }],
      "L'attribution globale se calcule sans réserver de lit.",
    );
  }
  const departements = departementsOfRegion(command.regionCode);
  if (departements.length === 0) return invalid([{ field: 'regionCode', detail: 'région inconnue' }]);
  if (!reachesRegion(caller, command.regionCode)) return fail({ kind: 'out-of-territory', detail: 'Cette région est hors de votre territoire.' });

  const interns = waitingInterns(await deps.requests.findOpen({ everywhere: true }), deps.communes, command);
  const housings = deps.index.inDepartements('housing', departements).filter((h) => h.offer.details.beds > 0);
  const problem = buildAllocationProblem(interns, housings);
  const allocation = command.strategy === 'optimal' ? allocateBeds(problem) : allocateBedsFirstComeFirstServed(problem);

  const sites = new Map(interns.map((i) => [i.requestId, i.site]));
  const places = new Map(housings.map((h) => [h.offer.id, h.location]));
  const assignments: BedAssignment[] = allocation.assignments.map((a) => {
    const site = sites.get(a.requestId);
    const place = places.get(a.offerId);
    return site && place ? { ...a, distanceKm: roundKm(distanceKm(site, place)) } : a;
  });
  return ok({
    allocationId: deps.runtime.newId(),
    strategy: command.strategy,
    regionCode: command.regionCode,
    semester: command.semester,
    objective: OBJECTIVES[command.strategy],
    waitingInterns: interns.length,
    bedsOffered: housings.reduce((sum, h) => sum + h.offer.details.beds, 0),
    computedAt: deps.runtime.now().toISOString(),
    assignments,
    unassignedRequestIds: [...allocation.unassignedRequestIds],
    totalFit: allocation.totalFit,
  });
}

/** Open requests without a reservation that need housing for an internship of the region starting within the semester. */
function waitingInterns(requests: readonly StoredRequest[], communes: CommuneDirectory, command: AllocationCommand): WaitingIntern[] {
  const interns: WaitingIntern[] = [];
  for (const stored of requests) {
    const request = stored.request;
    const internship = request?.internship;
    const housing = request?.needs.housing;
    if (!request || !internship || !housing || stored.status !== 'open' || stored.reservation) continue;
    const commune = communes.get(internship.communeCode);
    if (commune?.region !== command.regionCode) continue;
    if (housing.from < command.semester.from || housing.from > command.semester.until) continue;
    interns.push({
      requestId: stored.requestId,
      arrivedAt: stored.submittedAt ?? '',
      status: request.status,
      site: commune.location,
      stay: { from: housing.from, until: housing.until },
      maxMonthlyRentCents: housing.maxMonthlyRent.amountCents,
    });
  }
  return interns.sort((a, b) => (a.requestId < b.requestId ? -1 : 1));
}

