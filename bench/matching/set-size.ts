// Diagnostic, printed (`npx tsx bench/matching/set-size.ts`): what one proposal set weighs and
// what it costs in CPU at each step it goes through (validation, JSON, Kafka checksum, gzip), for
// the request the e2e benches submit, side by side: the message matching publishes (the set's
// digest), the set it keeps (a bundle lists the schemes whose territory covers its commune) and the
// set as it once was (every scheme of the catalogue).
// SET_SIZE_DUMP=<prefix> writes both sets (<prefix>-now.json, <prefix>-before.json).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { gunzipSync, gzipSync } from 'node:zlib';
import { validateEvent, validateProposalSet, type ProposalSet } from '@guichet/contracts';
import { communeIndex } from '@guichet/territory';
import { computeProposals, type MatchingContext } from '../../services/matching/src/application/matching/compute-proposals.js';
import { eligibilityProfile, previousAidsOf, type MatchingRequest } from '../../services/matching/src/application/matching/matching-request.js';
import { EligibilityCache } from '../../services/matching/src/application/eligibility-cache.js';
import { eligibilityPlace } from '../../services/matching/src/application/eligibility-place.js';
import { readAidSchemeSeed, readDemoZoningFile } from '../../services/matching/src/adapters/reference-files.js';
import { eligibilityResult, proposalDigest, zoningTimelineFromOrders } from '../../services/matching/src/domain/index.js';
import { CommuneDirectory, OfferIndex } from '../../services/matching/src/read-model/index.js';
import { convertAidCatalogue, generateDemoZoning } from '../../services/matching/src/reference/index.js';
import { syntheticOffers } from './synthetic.js';

const communes = CommuneDirectory.shared();
const catalogue = convertAidCatalogue(readAidSchemeSeed());
const zoning = zoningTimelineFromOrders(generateDemoZoning(communes.inRegion('24'), '24', readDemoZoningFile()));
const index = new OfferIndex({ locate: (code) => communes.location(code) });
for (const offer of syntheticOffers([...communeIndex().all()], 50_000)) index.upsert(offer);
index.rebuild();
const ctx: MatchingContext = { offers: index, communes, reference: { catalogue, zoning }, eligibility: new EligibilityCache() };
const request = {
  status: 'intern',
  specialty: 'medecine-generale',
  internship: { communeCode: '37072', startDate: '2027-05-03', endDate: '2027-10-31', ambulatory: true },
  targets: { communes: ['37072'], departements: ['37'], radiusKm: 30 },
  desiredInstallationDate: '2027-11-02',
  practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
  needs: { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' } },
} as MatchingRequest;
const at = '2026-11-24T09:00:00.000Z';
const now = computeProposals(ctx, { requestId: '00000000-0000-4000-8000-0000000000aa', requestVersion: 1, request, trigger: 'request-submitted', triggerEventId: 'e-1', at });

// Before: every scheme of the catalogue in each bundle, an aid out of reach with its failing criteria only.
const before: ProposalSet = {
  ...now,
  bundles: now.bundles.map((bundle) => {
    const place = eligibilityPlace(communes, zoning, bundle.communeCode, at.slice(0, 10), { withHints: true })!;
    const full = eligibilityResult({ profile: eligibilityProfile(request), place, at: at.slice(0, 10), previousAids: previousAidsOf(request), catalogue, zoning });
    const verdicts = full.verdicts.map((v) => (v.status === 'not-eligible' ? { ...v, reasons: v.reasons.filter((r) => r.outcome === 'not-met') as typeof v.reasons } : v));
    return { ...bundle, eligibility: { ...full, verdicts } };
  }),
};
if (process.env.SET_SIZE_DUMP) {
  writeFileSync(`${process.env.SET_SIZE_DUMP}-now.json`, JSON.stringify(now));
  writeFileSync(`${process.env.SET_SIZE_DUMP}-before.json`, JSON.stringify(before));
}

const crc32C = createRequire(import.meta.url)('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (buffer: Buffer) => number;
const time = (f: () => unknown, runs = 200) => {
  for (let i = 0; i < 20; i += 1) f();
  const t = performance.now();
  for (let i = 0; i < runs; i += 1) f();
  return (performance.now() - t) / runs;
};
const rows: Record<string, Record<string, number | string>> = {};
const message = proposalDigest(now);
for (const [label, set, type] of [
  ['every scheme', before, 'ProposalSet'],
  ['kept', now, 'ProposalSet'],
  ['message', message, 'fr.sante.guichet.matching.proposals-computed.v1'],
] as const) {
  const json = JSON.stringify(set);
  const bytes = Buffer.from(json);
  const zipped = gzipSync(json);
  rows[label] = {
    bundles: set.bundles.length,
    verdicts_per_bundle: set.bundles.map((b) => ('eligibility' in b ? b.eligibility.verdicts.length : b.aids.length + b.aidsNotOpen)).join('/'),
    bytes: bytes.length,
    gzip_bytes: zipped.length,
    validate_ms: time(() => (type === 'ProposalSet' ? validateProposalSet(set) : validateEvent(type, set))),
    stringify_ms: time(() => JSON.stringify(set)),
    parse_ms: time(() => JSON.parse(json)),
    crc32c_ms: time(() => crc32C(bytes)),
    gzip_ms: time(() => gzipSync(json), 50),
    gunzip_ms: time(() => gunzipSync(zipped), 50),
    crc32c_of_gzip_ms: time(() => crc32C(zipped)),
  };
}
console.table(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([m, x]) => [m, typeof x === 'number' && !Number.isInteger(x) ? Number(x.toFixed(3)) : x]))])));
