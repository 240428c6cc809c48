import type { ImportReport, ImportRowResult, OfferKind } from '@guichet/contracts';
import type { Caller } from '../caller.js';
import { readCsvTable } from '../csv-table.js';
import { uuidFrom } from '../ids.js';
import { invalid, ok, type Result } from '../result.js';
import { columnOfField, OFFER_COLUMNS, offerDetailsOfRow, REQUIRED_OFFER_COLUMNS } from './offer-csv.js';
import { publishOffer, type OfferDeps } from './offer-commands.js';

/**
 * Publishes the offers of a CSV file, one row at a time: each row is taken (offer created, its
 * event emitted) or refused with its reasons in French; a refused row does not stop the others.
 * With an idempotency key, row ids derive from it, so a retried import creates nothing twice.
 */
export async function importOffers(deps: OfferDeps, caller: Caller, kind: OfferKind, csv: string, importKey?: string): Promise<Result<ImportReport>> {
  const read = readCsvTable(csv, { required: REQUIRED_OFFER_COLUMNS[kind], optional: Object.keys(OFFER_COLUMNS[kind]) });
  if (!read.ok) return invalid(read.errors, 'Le fichier ne peut pas être importé : corrigez son en-tête ou son format.');
  const importId = importKey ? uuidFrom('offer-import', caller.id, importKey) : deps.runtime.newId();
  const rows: ImportRowResult[] = [];
  for (const { line, values } of read.table.rows) {
    const published = await publishOffer(deps, caller, { kind, details: offerDetailsOfRow(kind, values) }, uuidFrom(importId, String(line)));
    if (published.ok) {
      rows.push({ row: line, status: 'accepted', id: published.value.id });
      continue;
    }
    const { error } = published;
    const errors =
      error.kind === 'invalid'
        ? error.errors.map((e) => ({ field: columnOfField(e.field), detail: e.detail }))
        : [{ field: error.kind === 'out-of-territory' ? 'communeCode' : 'ligne', detail: error.detail }];
    rows.push({ row: line, status: 'rejected', errors: errors.slice(0, 50) });
  }
  const acceptedCount = rows.filter((r) => r.status === 'accepted').length;
  return ok({ importId, acceptedCount, rejectedCount: rows.length - acceptedCount, rows });
}
