import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const portalDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = join(portalDir, '..', '..');
/** Keycloak's `portal` and `dashboard` clients redirect to this origin only. */
export const portalOrigin = 'http://127.0.0.1:5173';

export interface RunningPortal {
  origin: string;
  /** False when a portal already served this port and was reused. */
  startedHere: boolean;
  stop(): Promise<void>;
}

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function upToDate(): boolean {
  const built = join(portalDir, 'dist', 'index.html');
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts', 'vite', 'scripts/build-communes.ts'].map((path) => newestMtime(join(portalDir, path))));
  return existsSync(built) && statSync(built).mtimeMs >= sources && existsSync(join(portalDir, 'public', 'communes.json'));
}

/** Whether the lock names a process that has died (an empty lock, being written, names this process group). */
function heldByTheDead(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(lock, 'utf8')), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Builds the portal when dist/ is missing or older than its sources. Test files run side by side:
 * a build empties dist/ and rewrites public/communes.json, so one process builds while the others
 * wait for it (a lock file naming the builder; a builder that died leaves it to the next one).
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(repoRoot, '.cache', 'portal-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  while (!upToDate()) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (heldByTheDead(lock)) rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (upToDate()) return;
      const result = spawnSync('npm', ['run', 'build', '-w', '@guichet/portal'], { cwd: repoRoot, stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`le build du portail a échoué (code ${result.status ?? result.signal})`);
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

async function answersAsPortal(origin: string): Promise<boolean> {
  try {
    const response = await fetch(origin, { signal: AbortSignal.timeout(2000) });
    return response.ok && (await response.text()).includes('Guichet Installation Santé');
  } catch {
    return false;
  }
}

async function waitForPortal(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview s'est arrêté (code ${child.exitCode})`);
    if (await answersAsPortal(origin)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`le portail ne répond pas sur ${origin} après 30 s`);
}

/**
 * Serves the built portal with `vite preview` on 127.0.0.1:5173, its /api proxy pointing at the
 * given services (defaults: the usual local ports). Reuses a portal already served there.
 */
export async function startPortal(services: { intakeUrl?: string; matchingUrl?: string } = {}): Promise<RunningPortal> {
  await ensureBuilt();
  if (await answersAsPortal(portalOrigin)) {
    return { origin: portalOrigin, startedHere: false, stop: async () => undefined };
  }
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'preview', '--port', '5173', '--strictPort', '--host', '127.0.0.1'], {
    cwd: portalDir,
    env: {
      ...process.env,
      ...(services.intakeUrl ? { INTAKE_URL: services.intakeUrl } : {}),
      ...(services.matchingUrl ? { MATCHING_URL: services.matchingUrl } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPortal(portalOrigin, child);
  return {
    origin: portalOrigin,
    startedHere: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
