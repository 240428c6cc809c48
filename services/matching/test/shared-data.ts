import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AidScheme } from '@guichet/contracts';
import { convertAidCatalogue } from '../src/reference/aid-catalogue.js';
import { parseCommunesCsv, type Commune } from '../src/reference/communes.js';

// Reference files live next to the repository (`../shared/...` from its root), read once per test file.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sharedFile = (relative: string) => readFileSync(`${repoRoot}../shared/${relative}`, 'utf8');

export function seedCatalogue(): unknown {
  return JSON.parse(sharedFile('domain/aid-schemes.json'));
}

export function aidCatalogue(): AidScheme[] {
  return convertAidCatalogue(seedCatalogue());
}

export function communesCsv(): string {
  return sharedFile('data/communes.csv');
}

export function communes(): Commune[] {
  return parseCommunesCsv(communesCsv());
}
