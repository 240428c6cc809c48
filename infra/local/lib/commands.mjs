import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StackError } from './stack-error.mjs';
import { shown } from './paths.mjs';

/**
 * Runs a provisioning command (download, build) with its output appended to a log file, so a
 * failure is reported as one line pointing at the log instead of pages of Maven or Go output.
 */
export function runLogged(command, args, { cwd, env = process.env, logFile, timeoutMs, what, missingHint }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n$ ${command} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    timer.unref();
    const finish = (error) => {
      clearTimeout(timer);
      closeSync(fd);
      if (error) reject(error);
      else resolve();
    };
    child.on('error', (error) => {
      finish(
        error.code === 'ENOENT'
          ? new StackError(`${what}: command "${command}" not found${missingHint ? ` (${missingHint})` : ''}`)
          : new StackError(`${what}: ${error.message}`),
      );
    });
    child.on('exit', (code, signal) => {
      if (code === 0) finish();
      else if (timedOut) finish(new StackError(`${what}: no result after ${Math.round(timeoutMs / 1000)} s, stopped (see ${shown(logFile)})`));
      else finish(new StackError(`${what} failed (exit ${code ?? signal}; see ${shown(logFile)})`));
    });
  });
}

/** Runs a short command and returns its standard output, or null if it cannot run. */
export function capture(command, args, { cwd, env = process.env, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? out : null);
    });
  });
}
