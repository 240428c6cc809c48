import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serviceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The aid catalogue the service carries (`data/aid-schemes.json`, provenance beside it), parsed. */
export function aidSchemesPath(): string {
  return join(serviceRoot, 'data', 'aid-schemes.json');
}

export function readAidSchemeSeed(path: string = aidSchemesPath()): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
