/**
 * Dates typed as the French hint says, « JJ/MM/AAAA », whatever language the browser is set to
 * (a native date input follows the browser's locale and reads 01/05 as 5 January in English).
 */

export type DateText = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid'; message: string };

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function isoOfDateText(text: string): DateText {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const french = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [day, month, year] = french ? [french[1], french[2], french[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
  if (day === undefined || month === undefined || year === undefined) {
    return { kind: 'invalid', message: 'date invalide : écrivez-la JJ/MM/AAAA, par exemple 01/05/2027' };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) {
    return { kind: 'invalid', message: `cette date n’existe pas (${pad(d, 2)}/${pad(m, 2)}/${y})` };
  }
  return { kind: 'date', iso: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

/** "2027-05-01" → "01/05/2027"; anything else is shown as stored. */
export function dateTextOfIso(iso: string | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
