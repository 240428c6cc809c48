import { validateIsoDate, validateRegionCode, type FieldError, type ImportReport, type ImportRowResult, type RegionCode, type ZoningChange, type ZoningChanged } from '@guichet/contracts';
import { regionName } from '@guichet/territory';
import type { OutboundEvent } from '@guichet/platform';
import type { CommuneDirectory } from '../../read-model/index.js';
import { reachesRegion, type Caller } from '../caller.js';
import { readCsvTable } from '../csv-table.js';
import { uuidFrom } from '../ids.js';
import { outbound } from '../outbound.js';
import type { ImportedAssignment, ImportedOrder, Runtime, ZoningImport, ZoningStore } from '../ports.js';
import type { ReferenceData } from '../reference-data.js';
import { fail, invalid, ok, type Result } from '../result.js';
import { applyImportedOrder } from '../zoning-orders.js';

export interface ZoningDeps {
  readonly zoning: ZoningStore;
  readonly reference: ReferenceData;
  readonly communes: CommuneDirectory;
  readonly runtime: Runtime;
}

export interface ZoningImportParams {
  readonly regionCode: string;
  readonly arreteReference: string;
  readonly arreteSignedOn?: string;
}

const ZONES = new Set(['zip', 'zac', 'none']);
/** The event's entry list is bounded by its contract; a larger change is told in several events. */
const ENTRIES_PER_EVENT = 6000;
const ARRETE_TEXT = /^[^<>\u0000-\u001F]{3,200}$/;

/**
 * Imports an ARS zoning order for the caseworker's own region, row by row (commune known and in
 * the region, zone, dates). Accepted rows are applied as one import — history kept, the order
 * dated per row — and the communes whose zone changes are emitted as `zoning-changed`.
 */
export async function importZoning(deps: ZoningDeps, caller: Caller, params: ZoningImportParams, csv: string, importKey?: string): Promise<Result<ImportReport>> {
  const paramErrors = checkParams(params);
  if (paramErrors.length > 0) return invalid(paramErrors);
  const regionCode = params.regionCode as RegionCode;
  if (!reachesRegion(caller, regionCode)) {
    return fail({ kind: 'out-of-territory', detail: `Vous ne pouvez importer que le zonage de votre région (région demandée : ${regionName(regionCode) ?? regionCode}).` });
  }
  const read = readCsvTable(csv, { required: ['communeCode', 'zone', 'effectiveFrom'], optional: ['effectiveUntil'] });
  if (!read.ok) return invalid(read.errors, 'Le fichier ne peut pas être importé : corrigez son en-tête ou son format.');

  const rows: ImportRowResult[] = [];
  const accepted = new Map<string, ImportedAssignment[]>();
  const seen = new Map<string, number>();
  for (const { line, values } of read.table.rows) {
    const row = checkRow(deps.communes, regionCode, values, seen, line);
    if (!row.ok) {
      rows.push({ row: line, status: 'rejected', errors: row.errors });
      continue;
    }
    rows.push({ row: line, status: 'accepted', id: row.assignment.communeCode });
    accepted.set(row.effectiveFrom, [...(accepted.get(row.effectiveFrom) ?? []), row.assignment]);
  }
  const importId = importKey ? uuidFrom('zoning-import', caller.id, importKey) : deps.runtime.newId();
  const acceptedCount = rows.filter((r) => r.status === 'accepted').length;
  const report: ImportReport = { importId, acceptedCount, rejectedCount: rows.length - acceptedCount, rows };
  if (acceptedCount === 0) return ok(report);

  const now = deps.runtime.now().toISOString();
  const zoningImport: ZoningImport = {
    importId,
    regionCode,
    arrete: { reference: params.arreteReference, ...(params.arreteSignedOn ? { signedOn: params.arreteSignedOn } : {}) },
    importedAt: now,
    importedBy: caller.id,
    orders: [...accepted.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([effectiveFrom, assignments]): ImportedOrder => ({ effectiveFrom, assignments })),
  };
  const current = await deps.reference.reloadZoning();
  const events = zoningEvents(zoningImport, changesOf(current.zoning, zoningImport), now, deps.runtime);
  await deps.zoning.insert(zoningImport, events);
  await deps.reference.reloadZoning();
  return ok(report);
}

/** The communes whose zone changes with this import, judged against the zoning as it stands. */
export function changesOf(timeline: Parameters<typeof applyImportedOrder>[0], zoningImport: ZoningImport): ZoningChange[] {
  let next = timeline;
  const changes: ZoningChange[] = [];
  for (const order of zoningImport.orders) {
    const applied = applyImportedOrder(next, zoningImport, order);
    next = applied.timeline;
    changes.push(...applied.changes);
  }
  return changes;
}

export function zoningEvents(zoningImport: ZoningImport, changes: readonly ZoningChange[], now: string, runtime: Runtime): OutboundEvent<ZoningChanged>[] {
  const events: OutboundEvent<ZoningChanged>[] = [];
  for (let start = 0; start < changes.length; start += ENTRIES_PER_EVENT) {
    const entries = changes.slice(start, start + ENTRIES_PER_EVENT) as [ZoningChange, ...ZoningChange[]];
    events.push(
      outbound(
        'fr.sante.guichet.catalogue.zoning-changed.v1',
        { regionCode: zoningImport.regionCode, importId: zoningImport.importId, changedAt: now, arrete: zoningImport.arrete, entries },
        { id: runtime.newId(), time: now },
      ),
    );
  }
  return events;
}

function checkParams(params: ZoningImportParams): FieldError[] {
  const errors: FieldError[] = [];
  if (!validateRegionCode(params.regionCode).ok) errors.push({ field: 'regionCode', detail: 'code de région inconnu' });
  if (!ARRETE_TEXT.test(params.arreteReference)) errors.push({ field: 'arreteReference', detail: 'référence de l’arrêté attendue (3 à 200 caractères, sans < ni >)' });
  if (params.arreteSignedOn !== undefined && !isDate(params.arreteSignedOn)) errors.push({ field: 'arreteSignedOn', detail: 'date invalide (format AAAA-MM-JJ)' });
  return errors;
}

type RowCheck = { ok: true; assignment: ImportedAssignment; effectiveFrom: string } | { ok: false; errors: FieldError[] };

function checkRow(communes: CommuneDirectory, regionCode: RegionCode, values: ReadonlyMap<string, string>, seen: Map<string, number>, line: number): RowCheck {
  const errors: FieldError[] = [];
  const communeCode = values.get('communeCode') ?? '';
  const zone = values.get('zone') ?? '';
  const effectiveFrom = values.get('effectiveFrom') ?? '';
  const effectiveUntil = values.get('effectiveUntil') ?? '';
  const commune = communes.get(communeCode);
  if (communeCode === '') errors.push({ field: 'communeCode', detail: 'champ obligatoire' });
  else if (!commune) errors.push({ field: 'communeCode', detail: 'code INSEE inconnu' });
  else if (commune.region !== regionCode) errors.push({ field: 'communeCode', detail: `${commune.name} n'est pas dans la région ${regionName(regionCode) ?? regionCode}` });
  if (!ZONES.has(zone)) errors.push({ field: 'zone', detail: 'zone attendue : zip, zac ou none' });
  if (!isDate(effectiveFrom)) errors.push({ field: 'effectiveFrom', detail: effectiveFrom === '' ? 'champ obligatoire' : 'date invalide (format AAAA-MM-JJ)' });
  if (effectiveUntil !== '' && !isDate(effectiveUntil)) errors.push({ field: 'effectiveUntil', detail: 'date invalide (format AAAA-MM-JJ)' });
  else if (effectiveUntil !== '' && isDate(effectiveFrom) && effectiveUntil < effectiveFrom) errors.push({ field: 'effectiveUntil', detail: 'la date de fin précède la date de début' });
  const key = `${communeCode}|${effectiveFrom}`;
  const twin = seen.get(key);
  if (errors.length === 0 && twin !== undefined) errors.push({ field: 'communeCode', detail: `ligne en double : même commune et même date que la ligne ${twin}` });
  if (errors.length > 0) return { ok: false, errors };
  seen.set(key, line);
  return { ok: true, effectiveFrom, assignment: { communeCode, zone: zone as ImportedAssignment['zone'], ...(effectiveUntil !== '' ? { effectiveUntil } : {}) } };
}

function isDate(text: string): boolean {
  if (!validateIsoDate(text).ok) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}
