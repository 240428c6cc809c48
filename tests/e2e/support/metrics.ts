import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** One series of a Prometheus exposition: its labels and value. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of metric `name` in an exposition text, whose labels include `labels`. */
export function samples(text: string, name: string, labels: Record<string, string> = {}): Sample[] {
  const found: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const own: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) if (key !== undefined && value !== undefined) own[key] = value;
    if (Object.entries(labels).every(([key, value]) => own[key] === value)) found.push({ labels: own, value: Number(match[3]) });
  }
  return found;
}

/** The sum of the samples of `name` with `labels`; undefined when there is none. */
export function total(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples(text, name, labels);
  return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
}

export async function scrape(metricsUrl: string): Promise<string> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl}: ${response.status}`);
  return response.text();
}

/** An address of this machine that is not loopback (what another machine would connect to); 127.0.0.2 without a network. */
export function nonLoopbackAddress(): string {
  const external = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
  return external?.address ?? '127.0.0.2';
}

/** Whether a TCP connection to host:port is accepted. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
