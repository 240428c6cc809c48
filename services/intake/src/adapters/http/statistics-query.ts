import { validateIsoDate } from '@guichet/contracts';
import type { Request } from 'express';
import type { StatisticsPeriod } from '../../domain/index.js';
import { queryOf, throwIfInvalid } from './request-input.js';

const MAX_DAYS = 3660;

/** The period of a statistics request (`from` and `to`, both required, ten years at most) and the export format. */
export function statisticsQueryOf(req: Request, withFormat: boolean): { period: StatisticsPeriod; format: 'json' | 'csv' } {
  const { values, errors } = queryOf(req, withFormat ? ['from', 'to', 'format'] : ['from', 'to']);
  const day = (name: 'from' | 'to'): string | undefined => {
    const value = values[name];
    if (value === undefined) errors.push({ field: name, detail: 'date obligatoire (AAAA-MM-JJ)' });
    else if (!validateIsoDate(value).ok || Number.isNaN(Date.parse(value))) errors.push({ field: name, detail: 'date invalide (AAAA-MM-JJ)' });
    else return value;
    return undefined;
  };
  const from = day('from');
  const to = day('to');
  if (from !== undefined && to !== undefined) {
    if (to < from) errors.push({ field: 'to', detail: 'la fin de la période précède son début' });
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) errors.push({ field: 'to', detail: 'période de dix ans au plus' });
  }
  const format = values['format'] ?? 'json';
  if (format !== 'json' && format !== 'csv') errors.push({ field: 'format', detail: 'format inconnu (json ou csv)' });
  throwIfInvalid(errors);
  return { period: { from: from!, to: to! }, format: format === 'csv' ? 'csv' : 'json' };
}
