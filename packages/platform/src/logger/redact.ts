/**
 * Personal and secret fields, matched by key at any depth, case- and separator-insensitively
 * (`e_mail`, `firstName`, `first-name`). pino's own `redact` paths have a fixed depth
 * (`*.*.email` per level), which misses deeper personal data; a key walk does not.
 */
export const PERSONAL_FIELDS: readonly string[] = [
  'firstName', 'lastName', 'birthName', 'usageName', 'fullName', 'givenName', 'familyName', 'spouseName',
  'email', 'emailAddress', 'mail',
  'phone', 'phoneNumber', 'telephone', 'mobile', 'mobilePhone',
  'rpps', 'rppsNumber', 'nir', 'socialSecurityNumber',
  'address', 'postalAddress', 'streetAddress', 'street', 'addressLine', 'addressLine1', 'addressLine2',
  'birthDate', 'dateOfBirth', 'dob',
  'password', 'clientSecret', 'secret', 'authorization', 'accessToken', 'refreshToken', 'idToken',
];

export const REDACTED = '[masqué]';

const normalise = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');
const personalKeys = new Set(PERSONAL_FIELDS.map(normalise));

export const isPersonalField = (key: string): boolean => personalKeys.has(normalise(key));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Returns a copy with personal fields masked; the caller's object is never mutated. */
export function redactPersonalData(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (Array.isArray(value)) {
    if (seen.has(value)) return '[circulaire]';
    seen.add(value);
    return value.map((item) => redactPersonalData(item, seen));
  }
  if (!isPlainObject(value)) return value;
  if (seen.has(value)) return '[circulaire]';
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isPersonalField(key) && item !== undefined && item !== null ? REDACTED : redactPersonalData(item, seen);
  }
  return copy;
}
