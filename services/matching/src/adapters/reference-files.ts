import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The shared aid catalogue (`../shared/domain/aid-schemes.json` from the repository root), parsed. */
export function readAidSchemeSeed(path: string = join(repoRoot, '..', 'shared', 'domain', 'aid-schemes.json')): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
