import type { AidScheme } from '@guichet/contracts';
import { readCommunes } from '@guichet/territory';
import { readAidSchemeSeed, readDemoZoningFile } from '../src/adapters/reference-files.js';
import { convertAidCatalogue } from '../src/reference/aid-catalogue.js';
import type { Commune } from '../src/reference/communes.js';
import type { DemoZoningFile } from '../src/reference/demo-zoning.js';

// The reference files the service carries, read through the same functions as at start.

export function seedCatalogue(): unknown {
  return readAidSchemeSeed();
}

export function aidCatalogue(): AidScheme[] {
  return convertAidCatalogue(seedCatalogue());
}

export function communes(): Commune[] {
  return readCommunes();
}

export function demoZoningFile(): DemoZoningFile {
  return readDemoZoningFile();
}
