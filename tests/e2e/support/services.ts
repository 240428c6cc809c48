import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoEnvironment } from '../../../infra/keycloak/demo-realm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Loaded before the entry, as `npm start` does: the OpenTelemetry instrumentations' hooks. */
const instrumentation = '@guichet/platform/instrumentation';

export type ServiceName = 'intake' | 'matching' | 'notifications';

export interface RunningService {
  name: ServiceName;
  url: string;
  /** Its Prometheus metrics, on a listener of their own bound to loopback (METRICS_PORT). */
  metricsUrl: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before being ready`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms`);
}

/** What a service of the tests gets unless told otherwise. */
function serviceDefaults(name: ServiceName): Record<string, string> {
  // The tests' matching works on the demo zoning of Centre-Val de Loire.
  if (name === 'matching') return { DEMO_ZONING_REGIONS: '24' };
  const secret = demoEnvironment()['PARTNER_DIRECTORY_SECRET'];
  return name === 'notifications' && secret !== undefined ? { PARTNER_DIRECTORY_CLIENT_SECRET: secret } : {};
}

export interface StartServiceOptions {
  /** A port of its own, e.g. the one a killed instance had, so that clients find it again. */
  port?: number;
  /** The log file name under test-artifacts/e2e/ (`<name>.log` by default). */
  logName?: string;
  /**
   * Runs the service in the node process itself (`node --import tsx`) rather than under the tsx
   * launcher, so that a signal, SIGKILL included, reaches the service and not only its parent.
   */
  direct?: boolean;
  /** Node options before the entry, with `direct` (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: readonly string[];
}

/**
 * Starts one service as its own process (as `npm start` does), with the stack endpoints of the
 * test environment and the given overrides; its output goes to test-artifacts/e2e/<name>.log.
 */
export async function startService(name: ServiceName, env: Record<string, string>, timeoutMs = 120_000, options: StartServiceOptions = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const metricsPort = env.METRICS_PORT ?? String(await freePort());
  const logDir = join(root, 'test-artifacts', 'e2e');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, options.logName ?? `${name}.log`), { flags: 'a' });
  const entry = join('services', name, 'src', 'main.ts');
  const [command, args] = options.direct
    ? [process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', '--import', instrumentation, entry]]
    : [join(root, 'node_modules', '.bin', 'tsx'), ['--import', instrumentation, entry]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...serviceDefaults(name), ...env, SERVICE_NAME: name, PORT: String(port), METRICS_PORT: metricsPort, LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitReady(url, child, name, timeoutMs);
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
  return { name, url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, process: child, stop };
}
