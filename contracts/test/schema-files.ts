import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../src/ajv-factory.js';

export const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const schemasDir = path.join(contractsDir, 'schemas');

export type Json = { [key: string]: unknown };

export interface LoadedSchema {
  file: string;
  schema: Json;
}

export function loadSchemas(): LoadedSchema[] {
  return readdirSync(schemasDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')) as Json }));
}

export function ajvWithAllSchemas(): ReturnType<typeof createAjv> {
  const ajv = createAjv();
  for (const { schema } of loadSchemas()) ajv.addSchema(schema);
  return ajv;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const schemaMaps = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);
const schemaSingles = new Set(['items', 'if', 'then', 'else', 'not', 'additionalProperties', 'unevaluatedProperties', 'contains']);
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Every subschema of a schema document with its JSON pointer. */
export function* subschemas(schema: unknown, pointer = ''): Generator<{ pointer: string; node: Json }> {
  if (!isObject(schema)) return;
  yield { pointer, node: schema };
  for (const [key, value] of Object.entries(schema)) {
    const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
    if (schemaMaps.has(key) && isObject(value)) {
      for (const [name, sub] of Object.entries(value)) {
        yield* subschemas(sub, `${pointer}/${escaped}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    } else if (schemaSingles.has(key)) {
      yield* subschemas(value, `${pointer}/${escaped}`);
    } else if (schemaLists.has(key) && Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) yield* subschemas(value[i], `${pointer}/${escaped}/${i}`);
    }
  }
}
