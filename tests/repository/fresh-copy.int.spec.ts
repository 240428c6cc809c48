import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportRepository, linkInstalledPackages } from './repository-copy.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The files the copy carries, not another one named by the environment. */
function withoutOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { COMMUNES_CSV: _communes, AID_SCHEMES_FILE: _schemes, ...rest } = env;
  return rest;
}

describe('a copy of the repository alone carries what the services load at start', () => {
  let copy: string;

  beforeAll(() => {
    copy = exportRepository(root);
    linkInstalledPackages(root, copy);
  });

  afterAll(() => rmSync(dirname(copy), { recursive: true, force: true }));

  it('has nothing beside it', () => {
    expect(readdirSync(dirname(copy))).toEqual(['guichet']);
  });

  it('loads the communes, the aid catalogue, the demo zoning and the portal commune list from its own files', () => {
    const printed = execFileSync(process.execPath, ['--import', 'tsx', join('tests', 'repository', 'load-reference-data.ts')], {
      cwd: copy,
      encoding: 'utf8',
      env: withoutOverrides(process.env),
    });
    const loaded: unknown = JSON.parse(printed.trim().split('\n').at(-1) ?? '');
    expect(loaded).toEqual({
      communes: 34_934,
      paris: 'Paris',
      directoryCommunes: expect.any(Number),
      aidSchemes: 63,
      demoZoningOrders: expect.any(Number),
      portalCommunes: 34_934,
    });
    const { directoryCommunes, demoZoningOrders } = loaded as { directoryCommunes: number; demoZoningOrders: number };
    expect(directoryCommunes).toBeGreaterThan(1_700);
    expect(demoZoningOrders).toBeGreaterThan(0);
  });
});
