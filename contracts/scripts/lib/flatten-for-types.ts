import type { JsonObject, SchemaFile } from './schemas.js';
import { isObject } from './schemas.js';

// json-schema-to-typescript reads `$ref` with sibling keywords inconsistently (a sibling `properties`
// may replace or be replaced by the target's). Before generating types, every such ref is merged here
// by explicit rules, on absolute URLs, so that `{ $ref: draft, required: [...] }` yields the complete type.

const annotationOnly = new Set(['description', 'examples', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly']);
// Validation-only combinators that TypeScript cannot express usefully; the validators keep them.
const dropped = new Set(['allOf', 'anyOf', 'if', 'then', 'else', 'not', 'examples', 'dependentRequired']);

// ajv's strict mode refuses `type: [...]`, so "any JSON value" is written as an anyOf of bare types;
// TypeScript can say that one, as a union.
function typesOnly(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const types = value.map((v) => (isObject(v) && Object.keys(v).length === 1 && typeof v.type === 'string' ? v.type : undefined));
  return types.every((t): t is string => t !== undefined) ? types : undefined;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function absolutise(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((n) => absolutise(n, base));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = new URL(v, base).toString();
    else if (k === 'examples' || k === 'x-labels') out[k] = v;
    else out[k] = absolutise(v, base);
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function flattenForTypes(files: readonly SchemaFile[]): Map<string, JsonObject> {
  const docs = new Map<string, JsonObject>();
  for (const f of files) docs.set(f.id, absolutise(f.schema, f.id) as JsonObject);

  const resolve = (ref: string): JsonObject => {
    const [url = '', fragment = ''] = ref.split('#');
    let node: unknown = docs.get(url);
    for (const token of decodePointer(fragment)) node = isObject(node) ? node[token] : undefined;
    if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
    return node;
  };

  const merge = (node: JsonObject, seen: readonly string[]): JsonObject => {
    const ref = String(node.$ref);
    if (seen.includes(ref)) throw new Error(`circular $ref with siblings: ${[...seen, ref].join(' -> ')}`);
    const target = resolve(ref);
    const base = typeof target.$ref === 'string' && Object.keys(target).some((k) => k !== '$ref' && !annotationOnly.has(k))
      ? merge(target, [...seen, ref])
      : clone(target);
    const siblings = Object.keys(node).filter((k) => k !== '$ref');
    const result: JsonObject = { ...base };
    for (const key of siblings) {
      const value = node[key];
      if (dropped.has(key)) continue;
      if (key === 'properties' && isObject(value)) {
        result.properties = { ...(isObject(base.properties) ? base.properties : {}), ...value };
      } else if (key === 'required' && Array.isArray(value)) {
        const before = Array.isArray(base.required) ? (base.required as unknown[]) : [];
        result.required = [...new Set([...before, ...value])];
      } else {
        result[key] = value;
      }
    }
    for (const key of dropped) if (!siblings.includes(key) && key in result && key !== 'examples') delete result[key];
    if (!('title' in node)) delete result.title;
    return result;
  };

  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    let current: JsonObject = node;
    if (typeof node.$ref === 'string') {
      const siblings = Object.keys(node).filter((k) => k !== '$ref');
      if (siblings.every((k) => annotationOnly.has(k))) return { $ref: node.$ref };
      current = merge(node, []);
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(current)) {
      if (k === 'examples' || k === 'x-labels' || k === 'const' || k === 'enum') out[k] = v;
      else if (k === 'anyOf' && typesOnly(v) !== undefined && !('type' in current)) out.type = typesOnly(v);
      else if (dropped.has(k)) continue;
      else out[k] = visit(v);
    }
    return out;
  };

  const flattened = new Map<string, JsonObject>();
  for (const [url, doc] of docs) flattened.set(url, visit(doc) as JsonObject);
  return flattened;
}
