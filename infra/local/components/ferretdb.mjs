import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goRunner, moduleSource } from '../lib/go-source.mjs';
import { binDir, cacheDir, componentRunDir } from '../lib/paths.mjs';
import { hostPort } from '../lib/ports.mjs';
import { mongoAnswers } from '../lib/probes.mjs';
import { StackError } from '../lib/stack-error.mjs';

const version = 'v1.24.0';
/**
 * Changes to FerretDB 1.24, written into the fetched source before it is built; each fails the
 * build loudly if the code it changes has moved. Two are in the SQLite backend:
 *
 * - The unique `_id` index is created on `_ferretdb_sjson->"_id"` but documents are looked up by
 *   `_ferretdb_sjson->'$._id'`: the same value, another expression, so SQLite never used the index
 *   and every find, update and delete by `_id` parsed the whole collection (132 ms per update by
 *   `_id` among 10 000 documents of 3 KB, 4.4 ms with the index).
 * - The `_id` condition is only pushed down when it is the filter's only field, so an optimistic
 *   update `{ _id, version }` scanned the collection (2.0-2.5 s per update among 877 cases of 4 KB
 *   in a fault run, 4 ms by `_id` alone). The handler applies the whole filter to what the backend
 *   returns (as it does for PostgreSQL, which pushes several fields down), so narrowing by `_id`
 *   first changes no result. `_id: { $in: [...] }` (strings or ObjectIDs, up to 1 000) is read
 *   through the index the same way instead of scanning.
 */
const sourcePatches = [
  {
    file: ['internal', 'backends', 'sqlite', 'metadata', 'metadata.go'],
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
    occurrences: 1,
  },
  {
    file: ['internal', 'backends', 'sqlite', 'collection.go'],
    from: '\tif params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")\n',
    to: '\tif v, ok := idOfFilter(params.Filter); ok {\n',
    occurrences: 2,
  },
  {
    file: ['internal', 'backends', 'sqlite', 'collection.go'],
    from: '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}\n\n\tq += whereClause\n',
    to: '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\tcase *types.Document:\n\t\t\twhereClause, args = idsInClause(v)\n\t\t}\n\t}\n\n\tq += whereClause\n',
    occurrences: 1,
  },
  {
    // The same in the query plan `explain` shows.
    file: ['internal', 'backends', 'sqlite', 'collection.go'],
    from: '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}\n\n\torderByClause := prepareOrderByClause(params.Sort)\n',
    to: '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\tcase *types.Document:\n\t\t\twhereClause, args = idsInClause(v)\n\t\t\tfilterPushdown = whereClause != ""\n\t\t}\n\t}\n\n\torderByClause := prepareOrderByClause(params.Sort)\n',
    occurrences: 1,
  },
  {
    // An update reads the matching documents through a query that holds one SQLite connection
    // until its rows are read, and writes each one in a transaction that takes another: with 100
    // updates of one database at once (the pool's size), each held one and waited for good for a
    // second. The documents are read (and the query closed) before the first write.
    file: ['internal', 'handler', 'common', 'update.go'],
    from: '\tfor {\n\t\tvar upsert, modified bool\n\n\t\t_, doc, err := iter.Next()\n\t\tif err != nil {\n',
    to: '\tdocs, err := iterator.ConsumeValues(iter)\n\tif err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\n\tfor {\n\t\tvar upsert, modified bool\n\n\t\tvar doc *types.Document\n\n\t\terr := iterator.ErrIteratorDone\n\t\tif len(docs) > 0 {\n\t\t\tdoc, docs, err = docs[0], docs[1:], nil\n\t\t}\n\n\t\tif err != nil {\n',
    occurrences: 1,
  },
  ...['Track', 'Untrack'].map((name) => ({
    // Leak tracking of every iterator (a pprof profile entry with its stack, and a finalizer that
    // panics and so ends the server if one is not closed) is a debugging aid: kept for FerretDB's
    // debug builds, as its other debug checks are, and left out of ours.
    file: ['internal', 'util', 'resource', 'resource.go'],
    from: `func ${name}(obj any, token *Token) {\n\tcheckArgs(obj, token)\n`,
    to: `func ${name}(obj any, token *Token) {\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n\n\tcheckArgs(obj, token)\n`,
    occurrences: 1,
  })),
];
/** Added beside collection.go: the filter's `_id` value when it names exactly one, and the clause of `_id: { $in: [...] }`. */
const idOfFilterSource = {
  file: ['internal', 'backends', 'sqlite', 'id_of_filter.go'],
  text: `package sqlite

import (
\t"fmt"
\t"strings"

\t"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
\t"github.com/FerretDB/FerretDB/internal/handler/sjson"
\t"github.com/FerretDB/FerretDB/internal/types"
\t"github.com/FerretDB/FerretDB/internal/util/must"
)

// idOfFilter returns the value of the filter's _id field when the filter has exactly one.
func idOfFilter(filter *types.Document) (any, bool) {
\tcount := 0

\tfor _, key := range filter.Keys() {
\t\tif key == "_id" {
\t\t\tcount++
\t\t}
\t}

\tif count != 1 {
\t\treturn nil, false
\t}

\tv, err := filter.Get("_id")

\treturn v, err == nil
}

// idsInClause returns the WHERE clause of an _id filter {$in: [ids]} whose ids are all
// strings or ObjectIDs, or nothing (then every document is read and filtered).
func idsInClause(filterValue any) (string, []any) {
\tcondition, ok := filterValue.(*types.Document)
\tif !ok || condition.Len() != 1 {
\t\treturn "", nil
\t}

\tv, err := condition.Get("$in")
\tif err != nil {
\t\treturn "", nil
\t}

\tids, ok := v.(*types.Array)
\tif !ok || ids.Len() == 0 || ids.Len() > 1000 {
\t\treturn "", nil
\t}

\targs := make([]any, 0, ids.Len())

\tfor i := 0; i < ids.Len(); i++ {
\t\tid, _ := ids.Get(i)

\t\tswitch id.(type) {
\t\tcase string, types.ObjectID:
\t\t\targs = append(args, string(must.NotFail(sjson.MarshalSingleValue(id))))
\t\tdefault:
\t\t\treturn "", nil
\t\t}
\t}

\tplaceholders := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")

\treturn fmt.Sprintf(" WHERE %s IN (%s)", metadata.IDColumn, placeholders), args
}
`,
};
const buildMarker = `${version}+id-index-lookup+id-pushdown+id-in+explain+no-resource-tracking+update-reads-first`;
const modulePath = 'github.com/FerretDB/FerretDB';
const port = 27117;
const runDir = componentRunDir('ferretdb');
const buildDir = path.join(cacheDir, 'ferretdb-build');
const binary = path.join(binDir, 'ferretdb');
const versionMarker = `${binary}.version`;
const provisionLog = path.join(runDir, 'provision.log');

const missingHint = 'install Go 1.22+, or set MONGODB_URI';
const go = goRunner({ name: 'ferretdb', logFile: provisionLog, missingHint });

/**
 * Builds FerretDB from its module source (the Go proxy refuses its version list, so `go install`
 * fails). FerretDB refuses to start unless build/version/version.txt holds its version, a file its
 * release tooling writes and the module zip lacks.
 */
async function build() {
  const sourceDir = await moduleSource({ name: 'ferretdb', modulePath, version, getPath: `${modulePath}/cmd/ferretdb`, buildDir, logFile: provisionLog, missingHint });
  writeFileSync(path.join(sourceDir, 'build', 'version', 'version.txt'), `${version}\n`);
  applySourcePatches(sourceDir);
  mkdirSync(binDir, { recursive: true });
  const staging = `${binary}.build`;
  await go(['build', '-trimpath', '-o', staging, './cmd/ferretdb'], sourceDir, `build of FerretDB ${version}`);
  renameSync(staging, binary);
  writeFileSync(versionMarker, `${buildMarker}\n`);
}

function applySourcePatches(sourceDir) {
  for (const patch of sourcePatches) {
    const file = path.join(sourceDir, ...patch.file);
    const source = readFileSync(file, 'utf8');
    if (source.split(patch.from).length !== patch.occurrences + 1) {
      throw new StackError(`ferretdb: ${patch.file.join('/')} no longer holds ${patch.occurrences} × ${JSON.stringify(patch.from)}; check whether that change is still needed`);
    }
    writeFileSync(file, source.split(patch.from).join(patch.to));
  }
  writeFileSync(path.join(sourceDir, ...idOfFilterSource.file), idOfFilterSource.text);
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
      // WAL without an fsync per commit (SQLite's `synchronous=NORMAL`): a commit survives the
      // death of FerretDB (kill -9: the WAL is already in the OS's hands), only an OS crash may
      // lose the last ones, as MongoDB's default journal (flushed every 100 ms) may. Writes
      // measured side by side under load: insertOne 1.4 → 0.8 ms, 300 concurrent replaceOne
      // 2.4 → 0.9 ms each.
      `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
      `--listen-addr=127.0.0.1:${listenPort}`,
      `--state-dir=${stateDir}`,
      // No telemetry beacon and no debug/metrics HTTP listener (it would take 127.0.0.1:8088).
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    cwd: dir,
    // Every command builds and drops a tree of values per document, so the collector's share of the
    // CPU follows how often it runs: a fifth as often as Go's default for a heap that stays small.
    env: { GOGC: '400', ...process.env },
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
