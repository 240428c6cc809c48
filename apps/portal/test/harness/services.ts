import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './portal-server.js';
import { artifactsDir } from './screenshots.js';

export interface Services {
  intakeUrl: string;
  matchingUrl: string;
  stop(): Promise<void>;
}

const wanted = [
  { name: 'intake', port: 3001, variable: 'INTAKE_URL' },
  { name: 'matching', port: 3002, variable: 'MATCHING_URL' },
] as const;

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function waitReady(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`le service ${name} s'est arrêté (voir test-artifacts/portal/${name}.log)`);
    if (await ready(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`le service ${name} n'est pas prêt après 120 s (voir test-artifacts/portal/${name}.log)`);
}

/**
 * The real services for the journeys: those already answering (at their usual port or at
 * INTAKE_URL / MATCHING_URL) are used as they are; the others are started here, on the local
 * stack that jest's global setup found, and stopped afterwards.
 */
export async function ensureServices(): Promise<Services> {
  const started: ChildProcess[] = [];
  const urls: Record<string, string> = {};
  mkdirSync(artifactsDir, { recursive: true });
  for (const service of wanted) {
    const url = process.env[service.variable] ?? `http://127.0.0.1:${service.port}`;
    urls[service.name] = url;
    if (await ready(url)) continue;
    const log = openSync(join(artifactsDir, `${service.name}.log`), 'a');
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join('services', service.name, 'src', 'main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, SERVICE_NAME: service.name, PORT: new URL(url).port, MONGODB_DB: `guichet_${service.name}` },
      stdio: ['ignore', log, log],
    });
    started.push(child);
    await waitReady(url, child, service.name);
  }
  return {
    intakeUrl: urls.intake ?? '',
    matchingUrl: urls.matching ?? '',
    stop: async () => {
      await Promise.all(
        started.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
