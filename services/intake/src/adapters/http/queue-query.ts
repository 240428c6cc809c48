import { validateCandidateStatus, validateCaseStatus, validateDepartementCode, validateSpecialty, validateZone, type CaseStatus, type FieldError } from '@guichet/contracts';
import type { Request } from 'express';
import type { QueueFilters, PageRequest, QueueSort } from '../../application/index.js';
import { integerParam, pageOf, queryOf, throwIfInvalid } from './request-input.js';

const SORTS: readonly QueueSort[] = ['submittedAt', '-submittedAt', 'dueDate', '-dueDate', 'ageDays', '-ageDays', 'status', '-status'];
const PARAMETERS = ['status', 'departement', 'zone', 'specialty', 'candidateStatus', 'referent', 'minAgeDays', 'maxAgeDays', 'overdue', 'sort', 'limit', 'cursor'];
const REFERENT = /^[A-Za-z0-9._:@-]{1,128}$/;

function statuses(value: string | undefined, errors: FieldError[]): CaseStatus[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',');
  if (items.length > 10) errors.push({ field: 'status', detail: '10 statuts au maximum' });
  const valid: CaseStatus[] = [];
  items.forEach((item, index) => {
    const checked = validateCaseStatus(item);
    if (checked.ok) valid.push(checked.value);
    else errors.push({ field: `status[${index}]`, detail: `statut inconnu : ${item.slice(0, 40)}` });
  });
  return valid;
}

/** The queue's filters, sort and page from the query string; every wrong parameter is named. */
export function queueQueryOf(req: Request): { filters: QueueFilters; page: PageRequest } {
  const { values, errors } = queryOf(req, PARAMETERS);
  const pick = <T>(name: string, check: (value: string) => { ok: true; value: T } | { ok: false }, detail: string): T | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    const checked = check(value);
    if (checked.ok) return checked.value;
    errors.push({ field: name, detail });
    return undefined;
  };
  const status = statuses(values['status'], errors);
  const departement = pick('departement', validateDepartementCode, 'code de département invalide (01 à 95, 2A, 2B, 971 à 976)');
  const zone = pick('zone', validateZone, 'zone inconnue (zip, zac ou none)');
  const specialty = pick('specialty', validateSpecialty, 'spécialité inconnue');
  const candidateStatus = pick('candidateStatus', validateCandidateStatus, 'statut du candidat inconnu');
  const referent = pick('referent', (value) => (REFERENT.test(value) ? { ok: true, value } : { ok: false }), 'identifiant de référent invalide');
  const minAgeDays = integerParam(values['minAgeDays'], 'minAgeDays', 0, 100000, errors);
  const maxAgeDays = integerParam(values['maxAgeDays'], 'maxAgeDays', 0, 100000, errors);
  const overdue = pick('overdue', (value) => (value === 'true' || value === 'false' ? { ok: true, value: value === 'true' } : { ok: false }), 'true ou false attendu');
  const sort = pick('sort', (value) => (SORTS.includes(value as QueueSort) ? { ok: true, value: value as QueueSort } : { ok: false }), `tri inconnu (${SORTS.join(', ')})`);
  const page = pageOf(values, errors);
  throwIfInvalid(errors);
  const filters: QueueFilters = {
    sort: sort ?? '-submittedAt',
    ...(status === undefined ? {} : { statuses: status }),
    ...(departement === undefined ? {} : { departement }),
    ...(zone === undefined ? {} : { zone }),
    ...(specialty === undefined ? {} : { specialty }),
    ...(candidateStatus === undefined ? {} : { candidateStatus }),
    ...(referent === undefined ? {} : { referent }),
    ...(minAgeDays === undefined ? {} : { minAgeDays }),
    ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
    ...(overdue === undefined ? {} : { overdue }),
  };
  return { filters, page };
}
