import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommunesCsv, type Commune } from './commune.js';
import { CommuneIndex } from './commune-index.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package carries its reference file (`data/communes.csv`, provenance beside it); COMMUNES_CSV overrides it. */
export function communesCsvPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.COMMUNES_CSV ?? join(packageRoot, 'data', 'communes.csv');
}

export function readCommunes(path = communesCsvPath()): Commune[] {
  return parseCommunesCsv(readFileSync(path, 'utf8'));
}

let shared: CommuneIndex | undefined;

/** One index per process: the file is 35 000 rows and every caller needs the same data. */
export function communeIndex(): CommuneIndex {
  shared ??= new CommuneIndex(readCommunes());
  return shared;
}
