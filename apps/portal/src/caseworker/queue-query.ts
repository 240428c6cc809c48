import type { CandidateStatus, CaseStatus, Specialty, Zone } from '@guichet/contracts';
import type { QueueFilters, QueueSort } from '../api/intake.js';

const sorts: readonly QueueSort[] = ['submittedAt', '-submittedAt', 'dueDate', '-dueDate', 'ageDays', '-ageDays', 'status', '-status'];

export const sortOptions: { value: QueueSort; label: string }[] = [
  { value: '-submittedAt', label: 'Dépôt le plus récent' },
  { value: 'submittedAt', label: 'Dépôt le plus ancien' },
  { value: 'dueDate', label: 'Échéance la plus proche' },
  { value: '-ageDays', label: 'Dossiers les plus anciens' },
  { value: 'status', label: 'Statut' },
];

/** The queue's filters live in the address: a filtered queue can be bookmarked and shared. */
export function filtersOfParams(params: URLSearchParams): QueueFilters {
  const filters: QueueFilters = {};
  const status = params.get('statut');
  if (status) filters.status = status.split(',').filter(Boolean) as CaseStatus[];
  const departement = params.get('departement');
  if (departement) filters.departement = departement;
  const zone = params.get('zone');
  if (zone) filters.zone = zone as Zone;
  const specialty = params.get('specialite');
  if (specialty) filters.specialty = specialty as Specialty;
  const situation = params.get('situation');
  if (situation) filters.candidateStatus = situation as CandidateStatus;
  const referent = params.get('referent');
  if (referent) filters.referent = referent;
  if (params.get('retard') === 'oui') filters.overdue = true;
  const sort = params.get('tri');
  if (sort && (sorts as readonly string[]).includes(sort)) filters.sort = sort as QueueSort;
  const cursor = params.get('page');
  if (cursor) filters.cursor = cursor;
  return filters;
}

export function paramsOfFilters(filters: QueueFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.status?.length) out.statut = filters.status.join(',');
  if (filters.departement) out.departement = filters.departement;
  if (filters.zone) out.zone = filters.zone;
  if (filters.specialty) out.specialite = filters.specialty;
  if (filters.candidateStatus) out.situation = filters.candidateStatus;
  if (filters.referent) out.referent = filters.referent;
  if (filters.overdue) out.retard = 'oui';
  if (filters.sort) out.tri = filters.sort;
  if (filters.cursor) out.page = filters.cursor;
  return out;
}

/** Any change of filter starts again from the first page. */
export function withFilter(filters: QueueFilters, change: Partial<QueueFilters>): QueueFilters {
  const next: QueueFilters = { ...filters, ...change };
  delete next.cursor;
  for (const key of Object.keys(next) as (keyof QueueFilters)[]) {
    const value = next[key];
    if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) delete next[key];
  }
  return next;
}
