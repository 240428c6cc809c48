import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Which caller each operation of an OpenAPI document is fuzzed as: the first role of its `x-roles`
 * that a demo account holds (or an explicit override), or nobody for a public operation
 * (`security: []`). The plan becomes a schemathesis.toml whose per-operation `Authorization`
 * header names an environment variable, so no token is written to disk.
 */

export type Role = 'candidate' | 'caseworker-ars' | 'caseworker-cpam' | 'offer-publisher' | 'collectivite' | 'admin' | 'partner';
/** A role, or a second candidate for the calls that must not touch the first one's seeded request. */
export type Caller = Role | 'other-candidate';

const roles: readonly Role[] = ['candidate', 'caseworker-ars', 'caseworker-cpam', 'offer-publisher', 'collectivite', 'admin', 'partner'];

export interface PlannedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Undefined for a public operation: no token is sent. */
  readonly caller: Caller | undefined;
}

interface OperationObject {
  readonly operationId?: unknown;
  readonly security?: unknown;
  readonly 'x-roles'?: unknown;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

function isRole(role: unknown): role is Role {
  return typeof role === 'string' && (roles as readonly string[]).includes(role);
}

export function planOperations(specFile: string, overrides: Readonly<Record<string, Caller>> = {}): PlannedOperation[] {
  const document = parse(readFileSync(specFile, 'utf8')) as { security?: unknown; paths?: Record<string, Record<string, unknown>> };
  const planned: PlannedOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method] as OperationObject | undefined;
      if (operation === undefined) continue;
      if (typeof operation.operationId !== 'string') throw new Error(`${specFile}: ${method.toUpperCase()} ${path} sans operationId`);
      const security = operation.security ?? document.security;
      const isPublic = Array.isArray(security) && security.length === 0;
      const admitted = Array.isArray(operation['x-roles']) ? (operation['x-roles'] as unknown[]) : [];
      const caller = isPublic ? undefined : (overrides[operation.operationId] ?? admitted.find(isRole));
      if (!isPublic && caller === undefined) throw new Error(`${specFile}: ${operation.operationId} protégée sans rôle x-roles connu`);
      planned.push({ operationId: operation.operationId, method: method.toUpperCase(), path, caller });
    }
  }
  return planned;
}

/** The environment variable that carries a caller's bearer token to schemathesis. */
export function tokenVariable(caller: Caller): string {
  return `FUZZ_TOKEN_${caller.toUpperCase().replace(/-/g, '_')}`;
}

const quoted = (value: string): string => JSON.stringify(value);

export interface ConfigOptions {
  readonly seed: number;
  readonly maxExamples: number;
  readonly workers: number;
  readonly requestTimeoutSeconds: number;
  /** Path parameters drawn from real identifiers most of the time, from generated values otherwise. */
  readonly seeded: Readonly<Record<string, readonly string[]>>;
  readonly seededProbability: number;
}

/** schemathesis.toml (4.x) for one document: global settings, seeded identifiers, one block per protected operation. */
export function schemathesisConfig(operations: readonly PlannedOperation[], options: ConfigOptions): string {
  const lines = [
    `seed = ${options.seed}`,
    `workers = ${options.workers}`,
    `request-timeout = ${options.requestTimeoutSeconds}`,
    '',
    // Nothing carried over from one run to the next, and nothing written beside the sources.
    '[cache]',
    'enabled = false',
    '',
    '[generation]',
    `max-examples = ${options.maxExamples}`,
    // A reproducible run: the same seed replays the same requests, with nothing remembered in between.
    'database = "none"',
    '',
    '[checks]',
    'enabled = false',
    'not_a_server_error.enabled = true',
    'status_code_conformance.enabled = true',
    'content_type_conformance.enabled = true',
    'response_schema_conformance.enabled = true',
  ];
  const seeded = Object.entries(options.seeded).filter(([, values]) => values.length > 0);
  for (const [name, values] of seeded) lines.push('', `[dictionaries.${name}]`, `values = [${values.map(quoted).join(', ')}]`);
  if (seeded.length > 0) {
    lines.push('', '[parameters]');
    for (const [name] of seeded) lines.push(`${quoted(`path.${name}`)} = { dictionary = ${quoted(name)}, probability = ${options.seededProbability} }`);
  }
  for (const operation of operations) {
    if (operation.caller === undefined) continue;
    lines.push(
      '',
      '[[operations]]',
      `include-operation-id = ${quoted(operation.operationId)}`,
      `headers = { Authorization = ${quoted(`Bearer \${${tokenVariable(operation.caller)}}`)} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
