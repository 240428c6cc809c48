import type { FieldError, Problem } from './generated/types.js';
import type { ValidationError } from './validation.js';

const problemBase = 'https://schemas.guichet-sante.example/problems/';

/** Stable `type` URIs of the problems every service answers (RFC 9457). */
export const problemTypes = {
  validation: `${problemBase}validation`,
  unauthorized: `${problemBase}unauthorized`,
  forbidden: `${problemBase}forbidden`,
  outOfTerritory: `${problemBase}out-of-territory`,
  notFound: `${problemBase}not-found`,
  versionConflict: `${problemBase}version-conflict`,
  invalidTransition: `${problemBase}invalid-transition`,
  idempotencyKeyReused: `${problemBase}idempotency-key-reused`,
  preconditionRequired: `${problemBase}precondition-required`,
  unsupportedMediaType: `${problemBase}unsupported-media-type`,
  payloadTooLarge: `${problemBase}payload-too-large`,
  rateLimited: `${problemBase}rate-limited`,
  internal: `${problemBase}internal`,
} as const;

// Known patterns of contracts/schemas, explained in French. A unit test checks that every
// pattern used in a schema has its entry here.
export const patternMessages: Readonly<Record<string, string>> = {
  '^(?:[0-9]{2}|2[AB])[0-9]{3}$': 'code INSEE de commune invalide (5 caractères : chiffres, ou 2A/2B pour la Corse)',
  '^(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$':
    'code de département invalide (01 à 95, 2A, 2B, 971 à 976)',
  '^[0-9]{5}$': 'code postal invalide (5 chiffres)',
  '^[0-9]{11}$': 'numéro RPPS invalide (11 chiffres)',
  '^[^<>\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$':
    'les caractères < et > et les caractères de contrôle ne sont pas autorisés',
  '^[^<>0-9\\u0000-\\u001F\\u007F]+$': 'caractères non autorisés dans un nom (chiffres, < et >)',
  '^(?:\\+[1-9][0-9]{7,14}|0[1-9](?:[ .]?[0-9]{2}){4})$':
    'numéro de téléphone invalide (0X XX XX XX XX ou +33…)',
  '^https?://': 'adresse web invalide (http:// ou https:// attendu)',
  '^[A-Za-z0-9._:@-]+$': 'identifiant invalide',
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'identifiant invalide (minuscules, chiffres et tirets)',
  '^[a-z0-9][a-z0-9-]{1,62}$': "identifiant d'organisation invalide (minuscules, chiffres et tirets)",
  '^[a-z-]+$': 'identifiant invalide (minuscules et tirets)',
  '^[A-Za-z0-9_-]+$': 'curseur de pagination invalide',
  '^[0-9a-f]{32}$': 'identifiant de trace invalide',
  '^[A-Za-z0-9._:-]{1,128}$': 'identifiant de requête invalide (lettres, chiffres et . _ : -)',
  '^(?:[0-9]{2}|2[AB])[0-9]{7}$': 'numéro FINESS invalide (9 caractères)',
  '^[A-Za-z0-9_.\\[\\]]+$': 'nom de champ invalide',
  '^fr\\.sante\\.guichet\\.stakeholder\\.(?:ars|cpam|ordre|collectivites)\\.[a-z]+(?:-[a-z]+)*\\.v[0-9]+$':
    "type d'événement invalide (fr.sante.guichet.stakeholder.<famille>.<événement>.v<n>)",
  '^whsec_[A-Za-z0-9+/=]{24,128}$': 'secret de signature invalide',
  '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$': 'en-tête traceparent invalide',
  '^[A-Za-z0-9+/]*={0,2}$': 'texte base64 invalide',
  '^/v1/partner-cases/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/personal-data$': 'chemin de données personnelles invalide',
};

const formatMessages: Readonly<Record<string, string>> = {
  date: 'date invalide (format AAAA-MM-JJ)',
  'date-time': 'date et heure invalides (format ISO 8601, par exemple 2026-11-02T09:30:00Z)',
  email: 'adresse e-mail invalide',
  uri: 'adresse web invalide',
  'uri-reference': 'adresse invalide',
  uuid: 'identifiant invalide (UUID attendu)',
  rpps: 'numéro RPPS invalide (la clé de contrôle ne correspond pas)',
};

const typeNames: Readonly<Record<string, string>> = {
  string: 'texte',
  integer: 'nombre entier',
  number: 'nombre',
  boolean: 'booléen (true ou false)',
  object: 'objet',
  array: 'liste',
  null: 'null',
};

// When several keywords fail on one field, the most telling message wins.
const keywordPriority = [
  'type',
  'required',
  'additionalProperties',
  'unevaluatedProperties',
  'false schema',
  'const',
  'enum',
  'discriminator',
  'anyOf',
  'oneOf',
  'pattern',
  'format',
  'minLength',
  'maxLength',
];

function priorityOf(keyword: string): number {
  const index = keywordPriority.indexOf(keyword);
  return index === -1 ? keywordPriority.length : index;
}

function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/targets/communes/0` -> `targets.communes[0]`; the root is the empty string. */
export function fieldOfPointer(pointer: string, child?: string): string {
  const tokens = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointerToken);
  if (child !== undefined) tokens.push(child);
  let field = '';
  for (const token of tokens) {
    if (/^[0-9]+$/.test(token)) field += `[${token}]`;
    else field += field === '' ? token : `.${token}`;
  }
  return field;
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map(formatValue).join(', ');
  return values.length > 12 ? `${shown}, …` : shown;
}

function plural(n: number, singular: string, pluralForm: string): string {
  return n > 1 ? pluralForm : singular;
}

function param(error: ValidationError, name: string): unknown {
  return (error.params as Record<string, unknown>)[name];
}

function limitOf(error: ValidationError): number {
  return Number(param(error, 'limit'));
}

function childFieldOf(error: ValidationError): string | undefined {
  switch (error.keyword) {
    case 'required':
      return String(param(error, 'missingProperty'));
    case 'additionalProperties':
      return String(param(error, 'additionalProperty'));
    case 'unevaluatedProperties':
      return String(param(error, 'unevaluatedProperty'));
    case 'dependentRequired':
      return String(param(error, 'missingProperty'));
    case 'discriminator':
      return String(param(error, 'tag'));
    default:
      return undefined;
  }
}

function messageOf(error: ValidationError, alternatives: readonly ValidationError[]): string {
  const limit = limitOf(error);
  switch (error.keyword) {
    case 'required':
      return 'champ obligatoire';
    case 'dependentRequired':
      return `champ obligatoire quand ${formatValue(param(error, 'property'))} est renseigné`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'false schema':
      return 'champ inconnu';
    case 'type':
      return `type attendu : ${String(param(error, 'type'))
        .split(',')
        .map((t) => typeNames[t] ?? t)
        .join(' ou ')}`;
    case 'maxLength':
      return `${limit} ${plural(limit, 'caractère', 'caractères')} au maximum`;
    case 'minLength':
      return limit === 1 ? 'ne doit pas être vide' : `${limit} caractères au minimum`;
    case 'maxItems':
      return `${limit} ${plural(limit, 'élément', 'éléments')} au maximum`;
    case 'minItems':
      return limit === 1 ? 'au moins un élément' : `au moins ${limit} éléments`;
    case 'maxProperties':
      return `${limit} champs au maximum`;
    case 'minProperties':
      return `au moins ${limit} ${plural(limit, 'champ', 'champs')}`;
    case 'uniqueItems':
      return `éléments en double (positions ${String(param(error, 'j'))} et ${String(param(error, 'i'))})`;
    case 'maximum':
      return `doit être inférieur ou égal à ${limit}`;
    case 'exclusiveMaximum':
      return `doit être strictement inférieur à ${limit}`;
    case 'minimum':
      return `doit être supérieur ou égal à ${limit}`;
    case 'exclusiveMinimum':
      return `doit être strictement supérieur à ${limit}`;
    case 'multipleOf':
      return `doit être un multiple de ${String(param(error, 'multipleOf'))}`;
    case 'enum':
      return `valeur non autorisée (valeurs possibles : ${listValues(param(error, 'allowedValues') as unknown[])})`;
    case 'const':
      return `valeur attendue : ${formatValue(param(error, 'allowedValue'))}`;
    case 'format':
      return formatMessages[String(param(error, 'format'))] ?? 'format invalide';
    case 'pattern':
      return patternMessages[String(param(error, 'pattern'))] ?? 'format invalide';
    case 'discriminator':
      return param(error, 'error') === 'tag' ? 'champ obligatoire (texte)' : 'valeur non autorisée';
    case 'anyOf': {
      const fields = alternatives
        .filter((alt) => alt.keyword === 'required' || alt.keyword === 'minItems')
        .map((alt) => (alt.keyword === 'required' ? String(param(alt, 'missingProperty')) : lastToken(alt.instancePath)));
      const unique = [...new Set(fields)];
      return unique.length > 1
        ? `renseignez au moins l'un des champs : ${unique.join(', ')}`
        : 'aucune des formes possibles ne convient';
    }
    case 'oneOf':
      return 'aucune des formes possibles ne convient, ou plusieurs à la fois';
    case 'not':
      return 'valeur non autorisée';
    default:
      return 'valeur invalide';
  }
}

function lastToken(pointer: string): string {
  const tokens = pointer.split('/');
  return unescapePointerToken(tokens[tokens.length - 1] ?? '');
}

/** Turns ajv errors into one French message per field, most telling message first. */
export function fieldErrorsFromValidationErrors(errors: readonly ValidationError[]): FieldError[] {
  // `if` only announces that its `then` failed; errors under a failed anyOf/oneOf are summed up by it.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const underCombinator = (e: ValidationError): ValidationError | undefined =>
    combinators.find((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`));
  const kept = new Map<string, { error: ValidationError; order: number }>();
  errors.forEach((error, order) => {
    if (error.keyword === 'if' || underCombinator(error)) return;
    const field = fieldOfPointer(error.instancePath, childFieldOf(error));
    const current = kept.get(field);
    if (!current || priorityOf(error.keyword) < priorityOf(current.error.keyword)) {
      kept.set(field, { error, order: current?.order ?? order });
    }
  });
  return [...kept.entries()]
    .sort((a, b) => a[1].order - b[1].order)
    .map(([field, { error }]) => ({
      field,
      detail: messageOf(
        error,
        errors.filter((e) => e !== error && e.schemaPath.startsWith(`${error.schemaPath}/`)),
      ),
    }));
}

export interface ProblemOptions {
  title?: string;
  instance?: string;
  status?: number;
  type?: string;
  detail?: string;
}

/** RFC 9457 problem for invalid input, with a French message per field. Pure. */
export function problemFromValidationErrors(
  errors: readonly ValidationError[],
  options: ProblemOptions = {},
): Problem {
  const fieldErrors = fieldErrorsFromValidationErrors(errors);
  const count = fieldErrors.length;
  const problem: Problem = {
    type: options.type ?? problemTypes.validation,
    title: options.title ?? 'Requête invalide',
    status: options.status ?? 400,
    detail:
      options.detail ??
      (count === 1 ? 'Un champ est invalide.' : `${count} champs sont invalides.`),
    errors: fieldErrors.slice(0, 200),
  };
  if (options.instance !== undefined) problem.instance = options.instance;
  return problem;
}
