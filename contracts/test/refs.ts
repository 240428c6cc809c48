import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { contractsDir } from './schema-files.js';

const schemaBase = 'https://schemas.guichet-sante.example/';

function* refsOf(node: unknown): Generator<string> {
  if (Array.isArray(node)) for (const n of node) yield* refsOf(n);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') yield v;
      else if (k !== 'examples') yield* refsOf(v);
    }
  }
}

const documents = new Map<string, unknown>();
function readDocument(file: string): unknown {
  if (!documents.has(file)) {
    const text = readFileSync(file, 'utf8');
    documents.set(file, file.endsWith('.json') ? JSON.parse(text) : parse(text));
  }
  return documents.get(file);
}

function resolvePointer(doc: unknown, fragment: string): boolean {
  let node: unknown = doc;
  for (const raw of fragment.replace(/^\//, '').split('/').filter((t) => t !== '')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(token in node)) return false;
    node = (node as Record<string, unknown>)[token];
  }
  return node !== undefined;
}

/** Every `$ref` of a document (and, transitively, of the files it reaches) that does not resolve. */
export function unresolvedRefs(entry: string): string[] {
  const broken: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const doc = readDocument(file);
    for (const ref of refsOf(doc)) {
      const local = ref.startsWith(schemaBase) ? path.join(contractsDir, 'schemas', ref.slice(schemaBase.length)) : ref;
      const [target = '', fragment = ''] = local.split('#');
      const targetFile = target === '' ? file : path.resolve(path.dirname(file), target);
      let ok = false;
      try {
        ok = resolvePointer(readDocument(targetFile), fragment);
      } catch {
        ok = false;
      }
      if (!ok) broken.push(`${path.relative(contractsDir, file)}: ${ref}`);
      else if (target !== '') visit(targetFile);
    }
  };
  visit(entry);
  return broken;
}

/**
 * A copy of contracts/ where absolute schema URLs are relative file refs, so that tools which
 * would fetch https://schemas.guichet-sante.example/ over the network read the local files instead.
 */
export function offlineCopyOfContracts(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'contracts-'));
  for (const sub of ['schemas', 'openapi']) cpSync(path.join(contractsDir, sub), path.join(dir, sub), { recursive: true });
  cpSync(path.join(contractsDir, 'asyncapi.yaml'), path.join(dir, 'asyncapi.yaml'));
  for (const file of readdirSync(path.join(dir, 'schemas'))) {
    const target = path.join(dir, 'schemas', file);
    writeFileSync(target, readFileSync(target, 'utf8').split(`"$ref": "${schemaBase}`).join('"$ref": "'));
  }
  return dir;
}
