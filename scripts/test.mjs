#!/usr/bin/env node
// `npm test`: installs what is missing, provides the real Kafka / MongoDB-wire / Keycloak the tests
// need (environment, then testcontainers, then the native stack), runs jest with the typecheck
// beside it, and stops whatever it started, also on failure or Ctrl-C. Extra arguments go to jest.
// Node built-ins only until `npm install` has run: this file must work on a fresh clone, started by
// the machine's Node, and hands over to Node 24 first (infra/local/node-runtime.mjs).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, linkForNpmScripts, runOnProjectNode } from '../infra/local/node-runtime.mjs';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const timings = [];
const running = new Set();
let interrupted = false;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function phase(name, action) {
  const began = Date.now();
  console.log(`\n=== ${name}`);
  try {
    return await action();
  } finally {
    const elapsed = Date.now() - began;
    timings.push([name, elapsed]);
    console.log(`=== ${name}: ${seconds(elapsed)}`);
  }
}

function run(command, args, { env = process.env, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    running.add(child);
    child.on('error', (error) => {
      running.delete(child);
      output.push(Buffer.from(`cannot run ${command}: ${error.message}\n`));
      resolve({ code: 127, output: Buffer.concat(output).toString() });
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code: code ?? (signal === 'SIGTERM' ? 143 : 130), output: Buffer.concat(output).toString() });
    });
  });
}

function installIsStale() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker)) return true;
  return existsSync(lock) && statSync(marker).mtimeMs < statSync(lock).mtimeMs;
}

function onSignal(signal) {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error(`\n${signal}: stopping (press again to exit at once)`);
  for (const child of running) child.kill(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function main() {
  const jestArgs = process.argv.slice(2);
  let stop = async () => {};
  let jestCode = 1;
  let typecheckCode = 0;
  try {
    const node = await runOnProjectNode();
    console.log(describe(node));
    const installCode = await phase('install', async () => {
      if (!installIsStale()) {
        console.log('node_modules up to date');
        return 0;
      }
      // `npm install`, not `npm ci`: npm 11 leaves other platforms' optional binaries (@swc/core-*)
      // out of the lockfile and then `npm ci` refuses that same lockfile. `install` keeps the locked versions.
      return (await run(npm, ['install', '--no-audit', '--no-fund'])).code;
    });
    if (installCode !== 0 || interrupted) return installCode || 130;
    linkForNpmScripts(node);

    // The typecheck needs neither the stack nor jest: it runs beside them and its report is printed once jest is done.
    const typecheck = phase('typecheck', () => run(npm, ['run', '--silent', 'typecheck'], { capture: true }));

    const provisioned = await phase('provision', async () => {
      const { provisionForTests } = await import(pathToFileURL(path.join(root, 'tests', 'harness', 'provision.mjs')).href);
      return provisionForTests();
    });
    stop = provisioned.stop;
    console.log(`stack: ${provisioned.mode}`);
    if (interrupted) return 130;

    jestCode = await phase('jest', async () => (await run(npm, ['run', '--silent', 'jest', '--', '--ci', '--forceExit', ...jestArgs], { env: { ...process.env, ...provisioned.env } })).code);
    const checked = await typecheck;
    if (checked.output.trim() !== '') console.log(`\n=== typecheck report\n${checked.output.trimEnd()}`);
    typecheckCode = checked.code;
    if (interrupted) return 130;
    if (jestCode === 0 && typecheckCode !== 0) console.error('jest passed but the typecheck failed');
    return jestCode !== 0 ? jestCode : typecheckCode;
  } catch (error) {
    console.error(`error: ${error?.name === 'StackError' ? error.message : error?.stack ?? error}`);
    return 1;
  } finally {
    for (const child of running) child.kill('SIGTERM');
    await phase('stop', () => stop()).catch((error) => console.error(`error while stopping: ${error.message}`));
    console.log(`\ntimings: ${timings.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')}`);
  }
}

process.exit(await main());
