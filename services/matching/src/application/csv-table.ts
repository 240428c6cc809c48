import { parse } from 'csv-parse/sync';
import type { FieldError } from '@guichet/contracts';

/** Rows of an uploaded CSV by column name; `line` is the data row number (1 = first row under the header). */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<{ readonly line: number; readonly values: ReadonlyMap<string, string> }>;
}

export const MAX_CSV_ROWS = 20_000;

/**
 * Reads a comma-separated file with a header line (UTF-8, optional BOM, quotes as RFC 4180).
 * Whole-file faults — unreadable quoting, unknown or missing columns, no row, too many rows —
 * are answered as field errors on the file; a row's own faults are the caller's to report.
 */
export function readCsvTable(text: string, expected: { readonly required: readonly string[]; readonly optional: readonly string[] }): { ok: true; table: CsvTable } | { ok: false; errors: FieldError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, errors: [{ field: 'fichier', detail: `fichier CSV illisible${line ? ` (ligne ${line})` : ''} : vérifiez les guillemets et les séparateurs (virgules)` }] };
  }
  const [header, ...data] = records;
  if (!header || header.length === 0) return { ok: false, errors: [{ field: 'fichier', detail: "fichier vide : la première ligne doit nommer les colonnes" }] };
  const known = new Set([...expected.required, ...expected.optional]);
  const errors: FieldError[] = [
    ...header.filter((c) => !known.has(c)).map((c) => ({ field: c, detail: `colonne inconnue (colonnes possibles : ${[...known].join(', ')})` })),
    ...expected.required.filter((c) => !header.includes(c)).map((c) => ({ field: c, detail: 'colonne obligatoire absente' })),
    ...header.filter((c, i) => header.indexOf(c) !== i).map((c) => ({ field: c, detail: 'colonne en double' })),
  ];
  if (data.length === 0) errors.push({ field: 'fichier', detail: 'aucune ligne de données sous l’en-tête' });
  if (data.length > MAX_CSV_ROWS) errors.push({ field: 'fichier', detail: `${MAX_CSV_ROWS} lignes au maximum par import` });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    table: {
      columns: header,
      rows: data.map((cells, i) => ({ line: i + 1, values: new Map(header.map((column, c) => [column, cells[c] ?? ''])) })),
    },
  };
}
