import { describe, expect, it } from '@jest/globals';
import { patternMessages } from '../src/problem.js';
import { ajvWithAllSchemas, loadSchemas, subschemas } from './schema-files.js';

const ajv = ajvWithAllSchemas();
const schemas = loadSchemas();
// Owned by the matching engineer; checked for examples and compilation, not for our house rules.
const externallyOwned = new Set(['aid-scheme.json', 'eligibility.json']);

const examples = schemas.flatMap(({ file, schema }) =>
  [...subschemas(schema)].flatMap(({ pointer, node }) =>
    Array.isArray(node.examples) ? node.examples.map((example, index) => ({ file, pointer, index, example, id: String(schema.$id) })) : [],
  ),
);

describe('contracts/schemas', () => {
  it('every file declares JSON Schema 2020-12 and its $id after its file name', () => {
    for (const { file, schema } of schemas) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`https://schemas.guichet-sante.example/${file}`);
    }
  });

  it('has examples for every titled schema of our files', () => {
    const missing = schemas
      .filter(({ file }) => !externallyOwned.has(file))
      .flatMap(({ file, schema }) =>
        [...subschemas(schema)]
          .filter(({ pointer, node }) => typeof node.title === 'string' && !Array.isArray(node.examples) && pointer.split('/').length <= 3)
          .filter(({ pointer, node }) => pointer !== '' || ['type', 'oneOf', '$ref'].some((k) => k in node))
          .map(({ pointer }) => `${file}#${pointer}`),
      );
    expect(missing).toEqual([]);
  });

  it.each(examples.map((e) => [`${e.file}#${e.pointer} example ${e.index}`, e] as const))('%s validates', (_name, e) => {
    const validate = ajv.getSchema(`${e.id}#${e.pointer}`);
    expect(validate).toBeDefined();
    const valid = validate?.(e.example);
    expect(validate?.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses unknown fields: every object schema of our files closes its properties', () => {
    const open = schemas
      .filter(({ file }) => !externallyOwned.has(file))
      .flatMap(({ file, schema }) =>
        [...subschemas(schema)]
          .filter(({ node }) => node.properties !== undefined && node.additionalProperties !== false && node.unevaluatedProperties !== false)
          // Partial schemas inside a closed parent (anyOf branches, if/then, complete variants over a closed draft).
          .filter(({ pointer, node }) => !/\/(anyOf|allOf|if|then|else)\//.test(pointer) && node.$ref === undefined)
          .map(({ pointer }) => `${file}#${pointer}`),
      );
    expect(open).toEqual([]);
  });

  it('limits every string and every array of our files', () => {
    const unbounded = schemas
      .filter(({ file }) => !externallyOwned.has(file))
      .flatMap(({ file, schema }) =>
        [...subschemas(schema)]
          .filter(({ node }) =>
            (node.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.const === undefined && node.$ref === undefined) ||
            (node.type === 'array' && node.maxItems === undefined && node.$ref === undefined),
          )
          .filter(({ pointer }) => !/\/(anyOf|allOf|if|then|else)\//.test(pointer))
          .map(({ pointer }) => `${file}#${pointer}`),
      );
    expect(unbounded).toEqual([]);
  });

  it('explains every pattern in French', () => {
    const patterns = new Set(
      schemas.flatMap(({ schema }) => [...subschemas(schema)].map(({ node }) => node.pattern).filter((p): p is string => typeof p === 'string')),
    );
    const ours = [...patterns].filter((p) => !(p in patternMessages));
    // aid-scheme.json / eligibility.json may carry their own patterns (acronyms...), explained generically.
    const inOurFiles = ours.filter((p) =>
      schemas.some(({ file, schema }) => !externallyOwned.has(file) && [...subschemas(schema)].some(({ node }) => node.pattern === p)),
    );
    expect(inOurFiles).toEqual([]);
  });
});
