import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { outsideReads, outsideReadsIn } from './outside-reads.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the product reads nothing outside its repository', () => {
  it('recognises a path into the reference folder beside the repository, however it is written', () => {
    // Built from pieces, so that this file does not hold the paths it looks for.
    const folder = ['..', ['sha', 'red'].join('')];
    expect(outsideReadsIn(`readFileSync('${folder.join('/')}/data/communes.csv')`)).toEqual([1]);
    expect(outsideReadsIn(`const csv = \`\${root}../${folder.join('/')}/data/x.csv\`;`)).toEqual([1]);
    expect(outsideReadsIn(`ok\njoin(repoRoot, '${folder.join("', '")}', 'domain', 'aid-schemes.json')`)).toEqual([2]);
    expect(outsideReadsIn("import { x } from './shared-data.js'; const shared = 1;")).toEqual([]);
  });

  it('finds no such path in services, packages, apps, contracts, scripts, infra, tests or bench', () => {
    expect(outsideReads(root)).toEqual([]);
  });
});
