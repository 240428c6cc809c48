import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { frenchFormats } from './french-formats.js';

// strictRequired is off: `then: { required: [...] }` names properties defined beside the `if`.
// Annotation-only keywords used by the contracts: French labels of enums, OpenAPI discriminator.
const annotationKeywords = ['x-labels'];

/**
 * An ajv instance configured like the precompiled validators: JSON Schema 2020-12, strict,
 * all errors, ajv-formats and the French formats (`rpps`), `discriminator` support.
 * Schemas are not added here; callers add the files of contracts/schemas they need.
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, discriminator: true, ...options });
  addFormatsPlugin.default(ajv);
  for (const [name, format] of Object.entries(frenchFormats)) ajv.addFormat(name, format);
  for (const keyword of annotationKeywords) ajv.addKeyword({ keyword, schemaType: 'object' });
  const addSchema = ajv.addSchema.bind(ajv);
  ajv.addSchema = (schema, ...rest) => addSchema(withoutDiscriminatorMappings(schema), ...rest);
  return ajv;
}

/**
 * OpenAPI tools read a discriminator value as a schema name unless a `mapping` says otherwise
 * (`kind: premises` is `#/$defs/premisesOffer`); ajv finds each value in its branch's `const` and
 * refuses a `mapping`. So the contracts carry mappings, and ajv gets the schemas without them.
 */
export function withoutDiscriminatorMappings<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item: unknown) => withoutDiscriminatorMappings(item)) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'discriminator' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const { mapping: _mapping, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    } else {
      copy[key] = withoutDiscriminatorMappings(value);
    }
  }
  return copy as T;
}
