import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { communesCsvPath } from '@guichet/territory';
import { aidSchemesPath } from '../../services/matching/src/adapters/reference-files.js';
import { buildServices, serviceNames } from '../../scripts/build-services.mjs';
import { productionEnv } from './production-env.js';

// No Docker engine runs here: the image is checked by reading its recipe. What a service opens at
// start (its built entry point, the npm packages it imports, the reference data) must be copied
// into the final stage, from the build context or from a stage that produced it.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dockerfile = join(root, 'infra', 'docker', 'service.Dockerfile');
const outdir = join(root, '.cache', 'build-check', 'dist');

interface Stage {
  readonly name: string;
  readonly base: string;
  readonly instructions: ReadonlyArray<{ readonly keyword: string; readonly args: string }>;
}

function parseStages(text: string): Stage[] {
  const stages: Array<{ name: string; base: string; instructions: Array<{ keyword: string; args: string }> }> = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [base = '', , name] = rest;
      stages.push({ name: name ?? `stage-${stages.length}`, base, instructions: [] });
    } else stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const stages = parseStages(readFileSync(dockerfile, 'utf8'));
const finalStage = stages.at(-1) as Stage;
const WORKDIR = '/app';
const inImage = (path: string): string => (path.startsWith('/') ? posix.normalize(path) : posix.join(WORKDIR, path));
const under = (path: string, folder: string): string | undefined => {
  const clean = folder.replace(/\/+$/, '');
  return path === clean ? '' : path.startsWith(`${clean}/`) ? path.slice(clean.length + 1) : undefined;
};

/** Whether `path` (absolute in the image) exists in `stage`: copied, produced by a RUN we know, or inherited. */
function holds(stage: Stage, path: string): boolean {
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'COPY') {
      const words = args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const [dest = '', ...sources] = words.filter((word) => !word.startsWith('--')).reverse();
      const rest = under(path, inImage(dest));
      if (rest === undefined) continue;
      for (const source of sources) {
        const origin = rest === '' ? source : posix.join(source, rest);
        if (from === undefined ? existsSync(join(root, origin)) : holds(stageNamed(from), inImage(origin))) return true;
      }
    }
    if (keyword === 'RUN') {
      if (/\bnpm ci\b/.test(args) && under(path, '/app/node_modules') !== undefined) return existsSync(join(root, relative(WORKDIR, path)));
      if (args.includes('scripts/build-services.mjs') && args.includes('dist/service') && ['/app/dist/service/main.js', '/app/dist/service/instrumentation.js'].includes(path)) return true;
    }
  }
  const parent = stages.find((candidate) => candidate.name === stage.base);
  return parent !== undefined && holds(parent, path);
}

function stageNamed(name: string): Stage {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`stage ${name} absent du Dockerfile`);
  return stage;
}

/** The npm packages a built entry point imports (bundled code of the repository aside). */
function importedPackages(bundle: string): string[] {
  const specifiers = [...readFileSync(bundle, 'utf8').matchAll(/(?:^|\n)import\s[^;]*?from\s*"([^".][^"]*)"|(?:^|\n)import\s*"([^".][^"]*)"/g)].map((match) => (match[1] ?? match[2]) as string);
  const packages = specifiers.filter((specifier) => !isBuiltin(specifier)).map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
  return [...new Set(packages)].sort();
}

describe('the production image (infra/docker/service.Dockerfile)', () => {
  let bundles: string[] = [];
  beforeAll(async () => {
    bundles = await buildServices({ outdir });
  });

  it('runs the built JavaScript with node, on Node 24, as a non-root user, with a health check', () => {
    const instruction = (keyword: string) => finalStage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
    expect(finalStage.base).toMatch(/^node:24-/);
    expect(instruction('USER')).toEqual(['node']);
    expect(instruction('HEALTHCHECK')).toEqual([expect.stringContaining('/health/')]);
    expect(JSON.parse(instruction('CMD')[0] ?? '[]')).toEqual(['node', '--enable-source-maps', '--import', './dist/service/instrumentation.js', 'dist/service/main.js']);
    expect(stages.flatMap((stage) => stage.instructions).filter((i) => /\btsx\b/.test(i.args))).toEqual([]);
  });

  it('copies the entry point, the reference data and every npm package a service imports', () => {
    const needed = [
      '/app/dist/service/main.js',
      '/app/dist/service/instrumentation.js',
      inImage(relative(root, communesCsvPath({}))),
      inImage(relative(root, aidSchemesPath())),
      ...bundles.flatMap((bundle) => [bundle, join(dirname(bundle), 'instrumentation.js')]).flatMap((bundle) => importedPackages(bundle).map((name) => `/app/node_modules/${name}/package.json`)),
    ];
    expect(needed.length).toBeGreaterThan(10);
    const missing = [...new Set(needed)].filter((path) => !holds(finalStage, path));
    expect(missing).toEqual([]);
  });

  it('keeps, in the built code, the location of each module that reads files beside it', () => {
    for (const bundle of bundles) {
      const kept = [...readFileSync(bundle, 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)].map((match) => resolve(dirname(bundle), match[1] as string));
      for (const source of kept) expect({ source: relative(root, source), exists: existsSync(source) }).toEqual({ source: relative(root, source), exists: true });
    }
    expect(bundles.map((bundle) => relative(outdir, bundle)).sort()).toEqual(serviceNames.map((name) => join(name, 'main.js')));
  });

  it('builds entry points that start with plain node, the instrumentations’ hooks loaded first, and refuse a demo default in production', () => {
    const matching = bundles.find((bundle) => bundle.endsWith(join('matching', 'main.js'))) as string;
    const run = spawnSync(process.execPath, ['--import', join(dirname(matching), 'instrumentation.js'), matching], { env: { PATH: process.env['PATH'] ?? '', ...productionEnv, DEMO_ZONING_REGIONS: '24' }, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 1, stderr: expect.stringMatching(/^GUICHET_ENV=production : démarrage refusé, DEMO_ZONING_REGIONS [^\n]+$/) });
  });
});
