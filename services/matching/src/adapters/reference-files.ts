import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaceAttributeTable } from '../domain/place-attributes.js';
import type { DemoZoningFile } from '../reference/demo-zoning.js';

const serviceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The aid catalogue the service carries (`data/aid-schemes.json`, provenance beside it), parsed. */
export function aidSchemesPath(): string {
  return join(serviceRoot, 'data', 'aid-schemes.json');
}

export function readAidSchemeSeed(path: string = aidSchemesPath()): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** The demo zoning rules (`data/demo-zoning.json`, provenance beside it): an approximation, never an arrêté. */
export function readDemoZoningFile(path: string = join(serviceRoot, 'data', 'demo-zoning.json')): DemoZoningFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as DemoZoningFile;
  if (!Array.isArray(parsed.regions)) throw new Error(`demo zoning: ${path} has no regions`);
  return parsed;
}

/**
 * The places' classifications aid rules read (ZRR/FRR, ZFU, mountain), dated, each row with its
 * source (`data/place-attributes.json`, provenance in `data/README.md`).
 */
export function readPlaceAttributes(path: string = join(serviceRoot, 'data', 'place-attributes.json')): PlaceAttributeTable {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as PlaceAttributeTable;
  if (!Array.isArray(parsed.rows) || typeof parsed.checkedOn !== 'string') throw new Error(`place attributes: ${path} has no rows or no checkedOn date`);
  return parsed;
}
