#!/usr/bin/env node
// Local infrastructure without Docker: Kafka (KRaft), FerretDB (MongoDB wire, SQLite), Keycloak
// and Mailpit (SMTP and a web inbox), provisioned into .cache/ and run as detached processes.
//   node infra/local/stack.mjs up [kafka|mongo|keycloak|mailpit ...]   start (reuses what runs)
//   node infra/local/stack.mjs up jaeger                       the trace viewer, only when named (npm run observe)
//   node infra/local/stack.mjs down [kafka|mongo|keycloak|mailpit ...] stop what this script started
//   node infra/local/stack.mjs status                          exit 0 only when all are up
// KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL, MAIL_INBOX_URL point at existing servers: those are only checked.
import { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ferretdb } from './components/ferretdb.mjs';
import { jaeger } from './components/jaeger.mjs';
import { kafka } from './components/kafka.mjs';
import { keycloak } from './components/keycloak.mjs';
import { mailpit } from './components/mailpit.mjs';
import { withLock } from './lib/lock.mjs';
import { endpointsFile, runDir, shown } from './lib/paths.mjs';
import { isPortFree } from './lib/ports.mjs';
import {
  commandLine, isAlive, isOurs, listeningPid, processGroupOf, readPid, removePid, startDetached, stopGroup, writePid,
} from './lib/processes.mjs';
import { StackError } from './lib/stack-error.mjs';

export const components = [kafka, ferretdb, keycloak, mailpit];
/** Started only when named (`npm run observe` names jaeger); `down` without names stops them too. */
export const optionalComponents = [jaeger];
const everyComponent = [...components, ...optionalComponents];
export { StackError };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const lockDir = path.join(runDir, 'stack.lock');

export function resolveComponents(names) {
  if (!names || names.length === 0) return components;
  return names.map((name) => {
    const component = everyComponent.find((candidate) => candidate.name === name || candidate.aliases.includes(name));
    if (!component) throw new StackError(`unknown component "${name}" (expected: kafka, mongo, keycloak, mailpit, jaeger)`);
    return component;
  }).filter((component, index, all) => all.indexOf(component) === index);
}

function readEndpoints() {
  if (!existsSync(endpointsFile)) return { components: {} };
  try {
    const parsed = JSON.parse(readFileSync(endpointsFile, 'utf8'));
    return { ...parsed, components: parsed.components ?? {} };
  } catch {
    return { components: {} };
  }
}

function writeEndpoints(update) {
  const current = readEndpoints();
  const next = { components: { ...current.components } };
  for (const [name, entry] of Object.entries(update)) {
    if (entry === null) delete next.components[name];
    else next.components[name] = entry;
  }
  const document = {};
  for (const component of everyComponent) {
    const entry = next.components[component.name];
    if (entry) Object.assign(document, { [component.envVar]: entry.endpoint }, entry.companions);
  }
  document.components = next.components;
  document.updatedAt = new Date().toISOString();
  mkdirSync(runDir, { recursive: true });
  const staging = `${endpointsFile}.tmp`;
  writeFileSync(staging, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(staging, endpointsFile);
}

function lastErrorLine(logFile) {
  try {
    const lines = readFileSync(logFile, 'utf8').split('\n').slice(-200);
    const line = lines.reverse().find((candidate) => /ERROR|FATAL|Exception|panic|error/.test(candidate));
    return line ? line.trim().slice(0, 240) : null;
  } catch {
    return null;
  }
}

function describeProcess(pid) {
  if (!pid) return 'another process';
  const command = commandLine(pid);
  return `pid ${pid}${command ? ` (${command.slice(0, 80)})` : ''}`;
}

/** Our running process for a component: from its pid file, or found listening on its port. */
function runningPid(component) {
  const recorded = readPid(component.name);
  if (recorded && isOurs(recorded)) return recorded;
  if (recorded) removePid(component.name);
  for (const port of component.ports) {
    const owner = listeningPid(port);
    if (owner && isOurs(owner)) {
      const leader = processGroupOf(owner);
      const pid = isOurs(leader) ? leader : owner;
      writePid(component.name, pid);
      return pid;
    }
  }
  return null;
}

async function waitHealthy(component, endpoint, pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (pid && !isAlive(pid)) {
      const reason = lastErrorLine(component.logFile);
      throw new StackError(`${component.name}: exited during start${reason ? `: ${reason}` : ''} (see ${shown(component.logFile)})`);
    }
    if (await component.probe(endpoint)) return true;
    if (Date.now() > deadline) return false;
    await sleep(500);
  }
}

async function upOne(component, say) {
  const began = Date.now();
  const override = process.env[component.envVar];
  if (override) {
    if (!(await waitHealthy(component, override, null, 10_000))) throw new StackError(`${component.name}: ${component.envVar}=${override} does not answer`);
    const note = (await component.afterReady?.(override)) || '';
    say(`ready  ${override}  (from ${component.envVar}${note ? `; ${note}` : ''})`);
    return { endpoint: override, source: 'env', started: false };
  }

  let pid = runningPid(component);
  // A restart for a changed realm keeps serving others afterwards: not "started" by this call.
  const wasRunning = pid !== null;
  if (pid && (await component.needsRestart?.())) {
    say('configuration changed (realm file or server settings): restarting');
    await stopGroup(pid);
    removePid(component.name);
    pid = null;
  }
  if (!pid) {
    for (const port of component.ports) {
      if (!(await isPortFree(port))) {
        throw new StackError(
          `${component.name}: port ${port} is taken by ${describeProcess(listeningPid(port))}; stop it, or set ${component.envVar} to use that server`,
        );
      }
    }
  }

  let started = false;
  let provisionMs = 0;
  if (!pid) {
    const provisionStart = Date.now();
    if (await component.provision()) say(`provisioned in ${seconds(Date.now() - provisionStart)}`);
    provisionMs = Date.now() - provisionStart;
    const spec = await component.launchSpec();
    pid = startDetached({ ...spec, logFile: component.logFile });
    writePid(component.name, pid);
    started = true;
  }
  if (!(await waitHealthy(component, component.endpoint, pid, component.startTimeoutMs))) {
    if (started) {
      await stopGroup(pid);
      removePid(component.name);
    }
    throw new StackError(`${component.name}: not healthy after ${seconds(component.startTimeoutMs)} (see ${shown(component.logFile)})`);
  }
  const note = (await component.afterReady?.(component.endpoint)) || '';
  const how = started
    ? `started in ${seconds(Date.now() - began - provisionMs)}${provisionMs > 1000 ? ` after ${seconds(provisionMs)} of provisioning` : ''}`
    : `already running, pid ${pid}`;
  say(`ready  ${component.endpoint}  (${component.title}, ${how}${note ? `; ${note}` : ''})`);
  return { endpoint: component.endpoint, source: 'native', pid, started: started && !wasRunning };
}

function sayer(log, component) {
  return (message) => log(`${component.name.padEnd(9)}${message}`);
}

/**
 * Starts (or reuses, or only checks when overridden by env) the given components in parallel.
 * Returns what each one is and whether this call started it; errors are one line each.
 */
export async function up(names, { log = console.log } = {}) {
  const selected = resolveComponents(names);
  return withLock(lockDir, { onWait: (holder) => log(`waiting for another stack command (pid ${holder})`) }, async () => {
    const settled = await Promise.allSettled(selected.map((component) => upOne(component, sayer(log, component))));
    const results = {};
    const errors = [];
    settled.forEach((outcome, index) => {
      const component = selected[index];
      if (outcome.status === 'fulfilled') results[component.name] = outcome.value;
      else errors.push(outcome.reason instanceof StackError ? outcome.reason : new StackError(`${component.name}: ${outcome.reason?.message ?? outcome.reason}`));
    });
    const update = {};
    for (const [name, result] of Object.entries(results)) {
      const companions = selected.find((component) => component.name === name)?.companionEnv?.();
      update[name] = { endpoint: result.endpoint, source: result.source, ...(result.pid ? { pid: result.pid } : {}), ...(companions ? { companions } : {}) };
    }
    writeEndpoints(update);
    return { results, errors };
  });
}

/** Stops the given components (default all) if this stack started them; leaves anything else alone. */
export async function down(names, { log = console.log } = {}) {
  const selected = names && names.length > 0 ? resolveComponents(names) : everyComponent;
  return withLock(lockDir, { onWait: (holder) => log(`waiting for another stack command (pid ${holder})`) }, async () => {
    await Promise.all(selected.map(async (component) => {
      const say = sayer(log, component);
      const pid = runningPid(component);
      if (!pid) {
        removePid(component.name);
        say(process.env[component.envVar] ? `not ours (${component.envVar}), left alone` : 'not running');
      } else {
        const began = Date.now();
        await stopGroup(pid);
        removePid(component.name);
        say(`stopped (pid ${pid}, ${seconds(Date.now() - began)})`);
      }
    }));
    writeEndpoints(Object.fromEntries(selected.map((component) => [component.name, null])));
  });
}

/** One line per component; true when every component answers. */
export async function status({ log = console.log } = {}) {
  const lines = await Promise.all(components.map(async (component) => {
    const override = process.env[component.envVar];
    if (override) {
      const ok = await component.probe(override);
      return { ok, text: `${ok ? 'up  ' : 'DOWN'}  ${override}  (${component.envVar})` };
    }
    const pid = runningPid(component);
    if (pid) {
      const ok = await component.probe(component.endpoint);
      return { ok, text: `${ok ? 'up  ' : 'starting'}  ${component.endpoint}  (${component.title}, pid ${pid})` };
    }
    for (const port of component.ports) {
      if (!(await isPortFree(port))) return { ok: false, text: `down  port ${port} taken by ${describeProcess(listeningPid(port))}` };
    }
    return { ok: false, text: `down  ${component.endpoint}` };
  }));
  lines.forEach((line, index) => log(`${components[index].name.padEnd(9)}${line.text}`));
  // An optional component is shown while it runs; it does not make the stack up or down.
  for (const component of optionalComponents) {
    const pid = runningPid(component);
    if (pid) log(`${component.name.padEnd(9)}${(await component.probe(component.endpoint)) ? 'up  ' : 'starting'}  ${component.endpoint}  (${component.title}, pid ${pid})`);
  }
  return lines.every((line) => line.ok);
}

const usage = 'usage: node infra/local/stack.mjs up|down [kafka|mongo|keycloak|mailpit|jaeger ...] | status';

export async function main(argv) {
  const [command, ...names] = argv;
  try {
    if (command === 'up') {
      const began = Date.now();
      const { errors } = await up(names);
      for (const error of errors) console.error(`error: ${error.message}`);
      if (errors.length === 0) console.log(`stack ready in ${seconds(Date.now() - began)}; endpoints in ${shown(endpointsFile)}`);
      return errors.length === 0 ? 0 : 1;
    }
    if (command === 'down') {
      await down(names);
      return 0;
    }
    if (command === 'status') return (await status()) ? 0 : 1;
    console.error(usage);
    return 2;
  } catch (error) {
    console.error(`error: ${error instanceof StackError ? error.message : error?.stack ?? error}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
