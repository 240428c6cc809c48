import { spawn, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, componentRunDir } from './paths.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pidFile(component) {
  return path.join(componentRunDir(component), `${component}.pid`);
}

export function readPid(component) {
  const file = pidFile(component);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function writePid(component, pid) {
  mkdirSync(componentRunDir(component), { recursive: true });
  writeFileSync(pidFile(component), `${pid}\n`);
}

export function removePid(component) {
  rmSync(pidFile(component), { force: true });
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  }
}

/** A process is ours when it runs something from this checkout's .cache (a binary, jars, the Keycloak dist). */
export function isOurs(pid) {
  return isAlive(pid) && commandLine(pid).includes(cacheDir);
}

/** Starts a long-running server in its own process group, detached from this process, logging to a file. */
export function startDetached({ command, args, cwd, env, logFile }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.on('error', () => {});
  child.unref();
  if (!child.pid) throw new Error(`cannot start ${command}`);
  return child.pid;
}

/** Stops a process group started by startDetached: SIGTERM, then SIGKILL after the grace period. */
export async function stopGroup(pid, graceMs = 30_000) {
  const signal = (name) => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    signal('SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
}

/** The pid listening on a TCP port, found through /proc (Linux); null when unknown. */
export function listeningPid(port) {
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue;
      const localPort = Number.parseInt(fields[1].split(':')[1], 16);
      if (localPort === port) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return null;
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match && inodes.has(match[1])) return Number(pid);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

/** The process group leader of a pid, so a child found on a port maps back to what we started. */
export function processGroupOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]);
  } catch {
    return pid;
  }
}
