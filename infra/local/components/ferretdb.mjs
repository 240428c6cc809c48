import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { capture, runLogged } from '../lib/commands.mjs';
import { binDir, cacheDir, componentRunDir } from '../lib/paths.mjs';
import { hostPort } from '../lib/ports.mjs';
import { mongoAnswers } from '../lib/probes.mjs';
import { StackError } from '../lib/stack-error.mjs';

const version = 'v1.24.0';
/**
 * FerretDB 1.24's SQLite backend creates the unique `_id` index on `_ferretdb_sjson->"_id"` but
 * looks documents up by `_ferretdb_sjson->'$._id'`: the same value, another expression, so SQLite
 * never uses the index and every find, update and delete by `_id` parses the whole collection
 * (132 ms per update by `_id` among 10 000 documents of 3 KB, 4.4 ms with the index). The build
 * writes the lookup as the index is written; the marker makes a binary built without it rebuild.
 */
const idLookup = { file: ['internal', 'backends', 'sqlite', 'metadata', 'metadata.go'], from: `IDColumn = DefaultColumn + "->'$._id'"`, to: `IDColumn = DefaultColumn + "->'_id'"` };
const buildMarker = `${version}+id-index-lookup`;
const modulePath = 'github.com/FerretDB/FerretDB';
const port = 27117;
const runDir = componentRunDir('ferretdb');
const buildDir = path.join(cacheDir, 'ferretdb-build');
const binary = path.join(binDir, 'ferretdb');
const versionMarker = `${binary}.version`;
const provisionLog = path.join(runDir, 'provision.log');

function goEnv() {
  // Pure-Go SQLite (modernc.org): no C toolchain needed. No VCS stamping: the sources are a copy.
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' };
}

function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) makeWritable(file);
    else chmodSync(file, 0o644);
  }
}

const go = (args, cwd, what, timeoutMs = 20 * 60_000) =>
  runLogged('go', args, { cwd, env: goEnv(), logFile: provisionLog, timeoutMs, what, missingHint: 'install Go 1.22+, or set MONGODB_URI' });

/**
 * Builds FerretDB from its module source. `go install …@v1.24.0` cannot be used: it reads the
 * module's version list for deprecation notices and the Go proxy answers 403 for it. A scratch
 * module fetches the exact version instead; the source is then copied out of the read-only module
 * cache because FerretDB refuses to start unless build/version/version.txt holds its version.
 */
async function build() {
  mkdirSync(buildDir, { recursive: true });
  if (!existsSync(path.join(buildDir, 'go.mod'))) await go(['mod', 'init', 'local/ferretdb-build'], buildDir, 'ferretdb: go mod init');
  await go(['get', `${modulePath}/cmd/ferretdb@${version}`], buildDir, `ferretdb: download of FerretDB ${version} from the Go module proxy`);
  const moduleDir = (await capture('go', ['list', '-m', '-f', '{{.Dir}}', modulePath], { cwd: buildDir, env: goEnv() }))?.trim();
  if (!moduleDir) throw new StackError(`ferretdb: module ${modulePath}@${version} not found in the Go module cache (see ${path.relative(process.cwd(), provisionLog)})`);
  const sourceDir = path.join(buildDir, 'src');
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(moduleDir, sourceDir, { recursive: true });
  makeWritable(sourceDir);
  writeFileSync(path.join(sourceDir, 'build', 'version', 'version.txt'), `${version}\n`);
  useIdIndexForLookups(sourceDir);
  mkdirSync(binDir, { recursive: true });
  const staging = `${binary}.build`;
  await go(['build', '-trimpath', '-o', staging, './cmd/ferretdb'], sourceDir, `ferretdb: build of FerretDB ${version}`);
  renameSync(staging, binary);
  writeFileSync(versionMarker, `${buildMarker}\n`);
}

function useIdIndexForLookups(sourceDir) {
  const file = path.join(sourceDir, ...idLookup.file);
  const source = readFileSync(file, 'utf8');
  if (source.split(idLookup.from).length !== 2) throw new StackError(`ferretdb: ${idLookup.file.join('/')} no longer declares ${idLookup.from}; check whether the _id lookup still misses its index`);
  writeFileSync(file, source.replace(idLookup.from, idLookup.to));
}

async function uriAnswers(uri) {
  try {
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 });
    try {
      await client.connect();
      const reply = await client.db('admin').command({ ping: 1 });
      return reply.ok === 1;
    } finally {
      await client.close().catch(() => {});
    }
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') return false;
    const hosts = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1];
    if (!hosts) return false;
    const { host, port: hostPortNumber } = hostPort(hosts.split(',')[0], 27017);
    return mongoAnswers(host, hostPortNumber);
  }
}

/** The command that runs a FerretDB keeping its files under `dir` and listening on `listenPort`. */
export async function ferretdbLaunchSpec({ runDir: dir = runDir, port: listenPort = port } = {}) {
  const dataDir = path.join(dir, 'data');
  const stateDir = path.join(dir, 'state');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  return {
    command: binary,
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${listenPort}`,
      `--state-dir=${stateDir}`,
      // No telemetry beacon and no debug/metrics HTTP listener (it would take 127.0.0.1:8088).
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    cwd: dir,
    env: process.env,
  };
}

export const ferretdb = {
  name: 'ferretdb',
  aliases: ['mongo', 'mongodb'],
  title: `FerretDB ${version} (SQLite)`,
  envVar: 'MONGODB_URI',
  endpoint: `mongodb://127.0.0.1:${port}`,
  ports: [port],
  startTimeoutMs: 30_000,
  logFile: path.join(runDir, 'ferretdb.log'),

  async probe(uri) {
    if (uri === this.endpoint) return mongoAnswers('127.0.0.1', port);
    return uriAnswers(uri);
  },

  async provision() {
    if (existsSync(binary) && existsSync(versionMarker) && readFileSync(versionMarker, 'utf8').trim() === buildMarker) return false;
    await build();
    return true;
  },

  launchSpec() {
    return ferretdbLaunchSpec();
  },
};
