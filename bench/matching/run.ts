// Matching benchmark (`npm run bench:matching`): one request against 100 000 offers and the whole
// aid catalogue, through the spatial index and through a full scan of the same catalogue in the
// same run; then the global allocation of 10 000 interns over 20 000 beds against
// first-come-first-served. Fails only on a wrong result (index and scan disagreeing, a bed given
// twice), never on slowness.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { communeIndex } from '@guichet/territory';
import type { Offer, ProposalSet } from '@guichet/contracts';
import { percentile, recordResult } from '../lib/record-result.js';
import { EligibilityCache } from '../../services/matching/src/application/eligibility-cache.js';
import { computeProposals, type MatchingContext } from '../../services/matching/src/application/matching/compute-proposals.js';
import type { MatchingRequest } from '../../services/matching/src/application/matching/matching-request.js';
import { proposalsEvent } from '../../services/matching/src/application/matching/matching-deps.js';
import { readAidSchemeSeed, readDemoZoningFile } from '../../services/matching/src/adapters/reference-files.js';
import { allocateBeds, allocateBedsFirstComeFirstServed, buildAllocationProblem, zoningTimelineFromOrders, type Allocation } from '../../services/matching/src/domain/index.js';
import { CommuneDirectory, OfferIndex } from '../../services/matching/src/read-model/index.js';
import { convertAidCatalogue, generateDemoZoning } from '../../services/matching/src/reference/index.js';
import { NaiveScan } from './naive-scan.js';
import { syntheticOffers, syntheticRequests, syntheticSemester } from './synthetic.js';

const OFFERS = 100_000;
const REQUESTS = 200;
/** Requests of the same population answered first: JIT and the eligibility cache reach their steady state. */
const WARM_UP = 300;
const NAIVE_REQUESTS = 20;
const INTERNS = 10_000;
const BEDS = 20_000;

const gc = (globalThis as { gc?: () => void }).gc;
const usedBytes = () => {
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function time<T>(task: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = task();
  return { value, ms: performance.now() - started };
}

function latencies(ctx: MatchingContext, requests: readonly MatchingRequest[]): { sorted: number[]; sets: ProposalSet[] } {
  const ms: number[] = [];
  const sets: ProposalSet[] = [];
  requests.forEach((request, i) => {
    const { value, ms: took } = time(() =>
      computeProposals(ctx, { requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, requestVersion: 1, request, trigger: 'request-submitted', triggerEventId: `bench-${i}`, at: '2026-10-01T09:00:00.000Z' }),
    );
    ms.push(took);
    sets.push(value);
  });
  return { sorted: [...ms].sort((a, b) => a - b), sets };
}

function checkAllocation(name: string, allocation: Allocation, beds: ReadonlyMap<string, number>): void {
  const used = new Map<string, number>();
  const interns = new Set<string>();
  for (const { requestId, offerId } of allocation.assignments) {
    if (interns.has(requestId)) throw new Error(`${name}: l'interne ${requestId} a deux lits`);
    interns.add(requestId);
    used.set(offerId, (used.get(offerId) ?? 0) + 1);
    if ((used.get(offerId) ?? 0) > (beds.get(offerId) ?? 0)) throw new Error(`${name}: le logement ${offerId} a plus d'occupants que de lits`);
  }
}

const load = () => loadavg()[0]!.toFixed(1);

function main(): void {
  const loadAtStart = load();
  const communes = CommuneDirectory.shared();
  const all = [...communeIndex().all()];
  const catalogue = convertAidCatalogue(readAidSchemeSeed());
  const zoning = zoningTimelineFromOrders(generateDemoZoning(communes.inRegion('24'), '24', readDemoZoningFile()));
  const offers: Offer[] = syntheticOffers(all, OFFERS);

  const before = usedBytes();
  const index = new OfferIndex({ locate: (code) => communes.location(code) });
  const build = time(() => {
    for (const offer of offers) index.upsert(offer);
    index.rebuild();
  });
  const indexBytes = usedBytes() - before;
  const stats = index.stats();

  const population = syntheticRequests(communes, '24', WARM_UP + REQUESTS);
  const warmUp = population.slice(0, WARM_UP);
  const requests = population.slice(WARM_UP);
  const reference = { catalogue, zoning };
  const eligibility = new EligibilityCache();
  const indexed: MatchingContext = { offers: index, communes, reference, eligibility };
  const naive: MatchingContext = { offers: new NaiveScan(offers.map((offer) => ({ offer, location: communes.location(offer.details.communeCode) }))), communes, reference, eligibility };

  const cold = latencies(indexed, warmUp.slice(0, 50));
  latencies(indexed, warmUp.slice(50));
  const fast = latencies(indexed, requests);
  const slow = latencies(naive, requests.slice(0, NAIVE_REQUESTS));
  slow.sets.forEach((set, i) => {
    if (JSON.stringify(set) !== JSON.stringify(fast.sets[i])) throw new Error(`la demande ${i} reçoit d'autres propositions par l'index que par le parcours complet`);
  });
  const bundles = fast.sets.reduce((sum, set) => sum + set.bundles.length, 0);
  const setKb = fast.sets.reduce((sum, set) => sum + Buffer.byteLength(JSON.stringify(set)), 0) / fast.sets.length / 1024;
  // The `proposals-computed` message of each set as matching publishes it (built and checked against its contract).
  const messageKb = fast.sets.map((set) => Buffer.byteLength(JSON.stringify(proposalsEvent(set).data)) / 1024).sort((a, b) => a - b);
  const meanMessageKb = messageKb.reduce((sum, kb) => sum + kb, 0) / messageKb.length;

  const semester = syntheticSemester(communes, all, INTERNS, BEDS);
  const optimal = time(() => allocateBeds(buildAllocationProblem(semester.interns, semester.housings)));
  const problem = buildAllocationProblem(semester.interns, semester.housings);
  const fcfs = time(() => allocateBedsFirstComeFirstServed(problem));
  const beds = new Map(semester.housings.map((h) => [h.offer.id, h.offer.details.beds]));
  checkAllocation('optimal', optimal.value, beds);
  checkAllocation('fcfs', fcfs.value, beds);

  const p50 = percentile(fast.sorted, 50);
  const p95 = percentile(fast.sorted, 95);
  const naiveP95 = percentile(slow.sorted, 95);
  const metrics = {
    offers: OFFERS,
    p50_ms: round(p50),
    p95_ms: round(p95),
    naive_p95_ms: round(naiveP95),
    speedup: round(naiveP95 / p95, 1),
    index_mb: mb(indexBytes),
    allocation_interns: INTERNS,
    allocation_beds: BEDS,
    allocation_s: round(optimal.ms / 1000, 3),
    allocation_fit_vs_fcfs: round(optimal.value.totalFit / fcfs.value.totalFit, 4),
    unassigned: optimal.value.unassignedRequestIds.length,
    unassigned_fcfs: fcfs.value.unassignedRequestIds.length,
    proposal_message_kb: round(messageKb[messageKb.length - 1] ?? 0, 1),
  };
  recordResult({
    name: 'matching',
    command: 'npm run bench:matching',
    metrics,
    notes: [
      `Load: ${OFFERS} synthetic offers over every located French commune (40 % premises, 40 % internship housing, 20 % spouse jobs), the ${catalogue.length} schemes of the seeded aid catalogue, demo zoning of region 24.`,
      `One request = proposals for an intern of Centre-Val de Loire needing premises, housing near the internship site and a spouse job: candidates, hard constraints, scores, and eligibility of every scheme in each candidate commune (${round(bundles / REQUESTS, 1)} bundles per request on average, ${round(setKb, 0)} KB per proposal set as matching keeps and serves it: for an aid out of reach a bundle carries the criteria it fails, not the ones it meets).`,
      `proposal_message_kb: the largest \`proposals-computed\` message of the ${REQUESTS} requests as published (JSON bytes / 1024; mean ${round(meanMessageKb, 1)} KB, median ${round(messageKb[Math.floor(messageKb.length / 2)] ?? 0, 1)} KB): the bundles, the aids each opens or may open with the criteria they lack, the count of aids out of reach; the verdict of every scheme stays in the set above, served by matching's API.`,
      `p50/p95 over ${REQUESTS} requests after ${WARM_UP} warm-up ones of the same population (JIT and eligibility caches at steady state; the first 50, cold, had p95 ${round(percentile(cold.sorted, 95))} ms). The naive figure answers ${NAIVE_REQUESTS} of the same requests with the same warm cache by scanning every offer (one pass per question) instead of the kd-trees, in the same process, and gives identical proposals (checked).`,
      `Machine shared with other engineers' test runs during the measure (1-minute load average ${loadAtStart} at start, ${load()} at the end, on 2 cores): absolute times are noisy, the side-by-side ratio is the figure to read.`,
      `Index: one static kdbush tree per kind searched by a box around the circle then geokdbush's great-circle distance, plus a list of pending changes (rebuilt on query past 10 % of the tree); 100 000 offers loaded and indexed in ${round(build.ms, 0)} ms; kd-trees alone ${mb(stats.treeBytes)} MB, index_mb counts the whole read model (maps of offers, département sets) beyond the offers themselves.`,
      `Per request: premises and housing are checked once, and only the communes of the premises that pass have their aids evaluated; the aids a commune opens for scoring are cached by the facts the verdicts read (région, département, size, zone at each date the schemes are judged at), so a commune never seen before is scored from a look-alike. A radius query measures the points of its box from a typed array of coordinates and reads an offer only once it lies within the circle; spouse jobs of another trade, sector or working time are skipped by the index instead of becoming candidates (an empty answer gathers them again, to count every reason). Premises are examined best own score first (their terms and their commune's aids) and the search stops as soon as even the best housing and a job next door could not lift one to the third bundle kept; the premises of one commune share their reachable spouse jobs; score terms are added up as numbers and their French labels written for the three bundles kept only. What is left (CPU and allocation profiles): the full eligibility with hints of the bundles shown in communes not yet cached for this profile (about 0.5 ms and 300 kB allocated each on a quiet machine, 1.4 per request in this population: 60 % of what a request allocates, and what the young-generation collections copy), reading the premises and housing candidates (offers scattered across a large heap), and garbage collection (a scavenge of 5 to 8 ms every 15 requests or so, which makes the p95).`,
      `Allocation: ${INTERNS} interns at the 150 most populated communes, ${BEDS} beds within 18 km of them; candidate edges from a kd-tree searched once per internship site, status and stay (20 km, then the 30 nearest suitable housings within each intern's budget; at the cut, housings at the same distance are taken from a place that depends on the request id, so the interns of a site do not all compete for the same few); maximum total fit after housing the most interns (successive shortest paths), against first-come-first-served on the same edges (FCFS took ${round(fcfs.ms, 0)} ms). allocation_s counts building the candidate edges and the assignment.`,
    ],
  });
  console.log(JSON.stringify(metrics, null, 2));
}

main();
