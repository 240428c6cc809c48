#!/usr/bin/env node
// Builds each service into one JavaScript file, `<outdir>/<service>/main.js`, that plain `node` runs
// (no TypeScript at run time). The code of this repository (services, packages, contracts) is
// bundled; npm packages installed at the root stay imports, resolved from the root node_modules
// (the output lies under the root). A package a workspace holds in its own node_modules (another
// version than the root's) would not be found from there: it is bundled.
//
// A workspace module that finds its files from its own location (`import.meta.url`: the communes
// of packages/territory, the aid catalogue of services/matching) keeps its original location: its
// `import.meta.url` becomes its source path relative to the bundle, so the data files are read
// from the same place in the repository as in the image, through the same code.
//
//   node scripts/build-services.mjs [--outdir=dist] [intake matching notifications]
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const serviceNames = ['intake', 'matching', 'notifications'];

const keepModuleLocation = (entry, outdir) => ({
  name: 'keep-module-location',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (args.path === entry || !source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(outdir, args.path).split(sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
});

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** The node_modules folder Node would find `name` in, walking up from `directory`. */
function nodeModulesHolding(name, directory) {
  for (let dir = directory; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return join(dir, 'node_modules');
    if (dirname(dir) === dir) return undefined;
  }
}

const rootPackagesExternal = {
  name: 'root-packages-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@guichet/') || args.path.startsWith('node:') || args.importer === '') return undefined;
      const holder = nodeModulesHolding(packageName(args.path), dirname(args.importer));
      return holder === join(root, 'node_modules') ? { path: args.path, external: true } : undefined;
    });
  },
};

/** Builds the given services; returns the path of each entry point written. */
export async function buildServices({ outdir = join(root, 'dist'), services = serviceNames } = {}) {
  const written = [];
  for (const service of services) {
    if (!serviceNames.includes(service)) throw new Error(`service inconnu : ${service} (${serviceNames.join(', ')})`);
    const entry = join(root, 'services', service, 'src', 'main.ts');
    const serviceDir = join(outdir, service);
    const outfile = join(serviceDir, 'main.js');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
      plugins: [rootPackagesExternal, keepModuleLocation(entry, serviceDir)],
    });
    // Loaded with `--import` before main.js (see the Dockerfile): the OpenTelemetry instrumentations'
    // hooks must be in place before main.js's imports are linked.
    await build({
      entryPoints: [join(root, 'packages', 'platform', 'src', 'telemetry', 'instrumentation.ts')],
      outfile: join(serviceDir, 'instrumentation.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      plugins: [rootPackagesExternal],
    });
    written.push(outfile);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outdir = args.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length);
  const services = args.filter((arg) => !arg.startsWith('--'));
  const written = await buildServices({ ...(outdir === undefined ? {} : { outdir: resolve(outdir) }), ...(services.length > 0 ? { services } : {}) });
  for (const file of written) console.log(relative(process.cwd(), file));
}
