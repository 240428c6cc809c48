import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { contractsDir } from './schema-files.js';

const tsx = path.join(contractsDir, '..', 'node_modules', '.bin', 'tsx');

function check(script: string): { status: number | null; stderr: string } {
  const run = spawnSync(tsx, [script, '--check'], { cwd: contractsDir, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

describe('generated files', () => {
  it('src/generated matches a fresh generation from contracts/schemas and contracts/asyncapi.yaml', () => {
    expect(check('scripts/generate.ts')).toEqual({ status: 0, stderr: '' });
  });

  it('docs/event-catalogue.md matches a fresh rendering of contracts/asyncapi.yaml', () => {
    expect(check('scripts/docs.ts')).toEqual({ status: 0, stderr: '' });
  });
});
