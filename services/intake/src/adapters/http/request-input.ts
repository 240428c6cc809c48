import { fieldErrorsFromValidationErrors, validateUuid, type FieldError, type Validator } from '@guichet/contracts';
import { NotFoundProblem, ValidationProblem } from '@guichet/platform';
import type { Request } from 'express';
import type { PageRequest } from '../../application/index.js';

/** The JSON body, checked against its contract; every wrong field is named in French. */
export function bodyOf<T>(req: Request, validate: Validator<T>): T {
  if (req.body === undefined) {
    throw new ValidationProblem([{ field: '', detail: 'corps JSON obligatoire' }], 'Le corps de la requête est obligatoire (JSON).');
  }
  const result = validate(req.body);
  if (result.ok) return result.value;
  const errors = fieldErrorsFromValidationErrors(result.errors);
  throw new ValidationProblem(errors, errors.length === 1 ? 'Un champ est invalide.' : `${errors.length} champs sont invalides.`);
}

/** The `requestId` of the path; an id that cannot exist is answered like an unknown one. */
export function pathId(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !validateUuid(value).ok) throw new NotFoundProblem('Aucune ressource ne porte cet identifiant.');
  return value;
}

const CURSOR = /^o([0-9]{1,7})$/;

export const cursorOf = (offset: number): string => Buffer.from(`o${offset}`).toString('base64url');

/** Query parameters of a list, refusing any the route does not know. */
export function queryOf(req: Request, allowed: readonly string[]): { values: Record<string, string>; errors: FieldError[] } {
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(req.query)) {
    if (!allowed.includes(name)) errors.push({ field: name, detail: 'paramètre inconnu' });
    else if (typeof value !== 'string') errors.push({ field: name, detail: 'une seule valeur attendue' });
    else values[name] = value;
  }
  return { values, errors };
}

function integer(value: string | undefined, field: string, min: number, max: number, errors: FieldError[]): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^[0-9]{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(parsed) || parsed < min || parsed > max) {
    errors.push({ field, detail: `nombre entier de ${min} à ${max} attendu` });
    return undefined;
  }
  return parsed;
}

export { integer as integerParam };

/** `limit` (1–200, 50 by default) and the opaque `cursor` of the next page. */
export function pageOf(values: Record<string, string>, errors: FieldError[]): PageRequest {
  const limit = integer(values['limit'], 'limit', 1, 200, errors) ?? 50;
  const cursor = values['cursor'];
  if (cursor === undefined) return { limit, offset: 0 };
  const decoded = /^[A-Za-z0-9_-]{1,512}$/.test(cursor) ? CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!decoded?.[1]) {
    errors.push({ field: 'cursor', detail: 'curseur de pagination invalide' });
    return { limit, offset: 0 };
  }
  return { limit, offset: Number(decoded[1]) };
}

export function throwIfInvalid(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw new ValidationProblem(errors, errors.length === 1 ? 'Un paramètre est invalide.' : `${errors.length} paramètres sont invalides.`);
}
