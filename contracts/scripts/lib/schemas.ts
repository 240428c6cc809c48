import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const contractsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const schemasDir = path.join(contractsRoot, 'schemas');
export const schemaBaseUrl = 'https://schemas.guichet-sante.example/';

export type JsonObject = { [key: string]: unknown };

export interface SchemaFile {
  file: string;
  id: string;
  schema: JsonObject;
}

/** A schema that gets a TypeScript type and a precompiled validator, named by its `title`. */
export interface NamedSchema {
  name: string;
  ref: string;
  file: string;
  pointer: string;
  schema: JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadSchemaFiles(dir = schemasDir): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonObject;
      const id = String(schema.$id);
      if (id !== schemaBaseUrl + file) throw new Error(`${file}: $id must be ${schemaBaseUrl + file}, found ${id}`);
      return { file, id, schema };
    });
}

const structuralKeywords = ['type', 'properties', 'oneOf', 'anyOf', 'allOf', '$ref', 'enum', 'const'];

function isStructural(schema: JsonObject): boolean {
  return structuralKeywords.some((k) => k in schema);
}

/** Every file root that describes a value, and every titled `$defs` entry. Titles are unique. */
export function namedSchemas(files: readonly SchemaFile[]): NamedSchema[] {
  const named: NamedSchema[] = [];
  for (const { file, id, schema } of files) {
    if (isStructural(schema) && typeof schema.title === 'string') {
      named.push({ name: schema.title, ref: id, file, pointer: '', schema });
    }
    const defs = isObject(schema.$defs) ? schema.$defs : {};
    for (const [key, def] of Object.entries(defs)) {
      if (isObject(def) && typeof def.title === 'string') {
        named.push({ name: def.title, ref: `${id}#/$defs/${key}`, file, pointer: `/$defs/${key}`, schema: def });
      }
    }
  }
  const seen = new Map<string, string>();
  for (const n of named) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(n.name)) throw new Error(`${n.ref}: title "${n.name}" is not a PascalCase type name`);
    const previous = seen.get(n.name);
    if (previous) throw new Error(`title "${n.name}" used twice: ${previous} and ${n.ref}`);
    seen.set(n.name, n.ref);
  }
  return named;
}

/** Local file of a schema URL (https://schemas.guichet-sante.example/<file>), for ref resolvers. */
export function localPathOfSchemaUrl(url: string): string | undefined {
  if (!url.startsWith(schemaBaseUrl)) return undefined;
  const file = url.slice(schemaBaseUrl.length).split('#')[0] ?? '';
  return path.join(schemasDir, file);
}

/** json-schema-ref-parser resolver: reads our schema URLs from contracts/schemas, never the network. */
export const localSchemaResolver = {
  order: 1,
  canRead: (file: { url: string }) => file.url.startsWith(schemaBaseUrl),
  read: (file: { url: string }) => readFileSync(localPathOfSchemaUrl(file.url) ?? '', 'utf8'),
};
