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
  return ajv;
}
