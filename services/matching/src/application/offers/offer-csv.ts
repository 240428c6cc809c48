import type { OfferKind } from '@guichet/contracts';

type ColumnType = 'text' | 'integer' | 'boolean' | 'list' | 'periods';

const CONTACT: Record<string, ColumnType> = { 'contact.name': 'text', 'contact.email': 'text', 'contact.phone': 'text' };

/** Columns of an offer import: the fields of `details`, dotted for objects; `;` separates list items, `/` the two dates of a period. */
export const OFFER_COLUMNS: Readonly<Record<OfferKind, Readonly<Record<string, ColumnType>>>> = {
  premises: {
    premisesType: 'text',
    title: 'text',
    description: 'text',
    communeCode: 'text',
    address: 'text',
    surfaceM2: 'integer',
    'monthlyRent.amountCents': 'integer',
    'monthlyRent.currency': 'text',
    availableFrom: 'text',
    'conditions.minStayMonths': 'integer',
    'conditions.sectors': 'list',
    'conditions.practiceModes': 'list',
    'conditions.notes': 'text',
    ...CONTACT,
  },
  housing: {
    title: 'text',
    description: 'text',
    communeCode: 'text',
    address: 'text',
    'nearbyHospital.name': 'text',
    'nearbyHospital.finess': 'text',
    'nearbyHospital.communeCode': 'text',
    beds: 'integer',
    'monthlyPrice.amountCents': 'integer',
    'monthlyPrice.currency': 'text',
    furnished: 'boolean',
    availablePeriods: 'periods',
    eligibleOccupants: 'list',
    ...CONTACT,
  },
  job: {
    title: 'text',
    description: 'text',
    profession: 'text',
    employer: 'text',
    employmentSector: 'text',
    communeCode: 'text',
    contractType: 'text',
    workingTime: 'text',
    hoursPerWeek: 'integer',
    startDate: 'text',
    ...CONTACT,
  },
};

export const REQUIRED_OFFER_COLUMNS: Readonly<Record<OfferKind, readonly string[]>> = {
  premises: ['premisesType', 'title', 'communeCode', 'surfaceM2', 'monthlyRent.amountCents', 'availableFrom'],
  housing: ['title', 'communeCode', 'beds', 'monthlyPrice.amountCents', 'availablePeriods', 'eligibleOccupants'],
  job: ['title', 'profession', 'employer', 'employmentSector', 'communeCode', 'contractType', 'workingTime'],
};

const MONEY_COLUMNS = ['monthlyRent', 'monthlyPrice'];

/**
 * The `details` object a CSV row describes. Values that do not read as their type are kept as
 * text, so the contract check names the field in French (« type attendu : nombre entier »).
 */
export function offerDetailsOfRow(kind: OfferKind, values: ReadonlyMap<string, string>): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  const columns = OFFER_COLUMNS[kind];
  for (const [column, raw] of values) {
    const type = columns[column];
    if (type === undefined || raw === '') continue;
    setPath(details, column.split('.'), convert(type, raw));
  }
  for (const money of MONEY_COLUMNS) {
    const amount = details[money];
    if (amount && typeof amount === 'object' && !('currency' in amount)) (amount as Record<string, unknown>)['currency'] = 'EUR';
  }
  return details;
}

/** A contract field of `details` as the column that carries it (`details.monthlyRent.amountCents` → `monthlyRent.amountCents`). */
export const columnOfField = (field: string): string => field.replace(/^details\.?/, '') || 'ligne';

function convert(type: ColumnType, raw: string): unknown {
  switch (type) {
    case 'text':
      return raw;
    case 'integer':
      return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case 'boolean':
      return /^(oui|true|vrai|1)$/i.test(raw) ? true : /^(non|false|faux|0)$/i.test(raw) ? false : raw;
    case 'list':
      return items(raw);
    case 'periods':
      return items(raw).map((item) => {
        const [from, until, ...rest] = item.split('/').map((d) => d.trim());
        return rest.length === 0 && until !== undefined ? { from, until } : { from: item };
      });
  }
}

function items(raw: string): string[] {
  return raw
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest, value);
}
