import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger/create-logger.js';
import type { Closer } from '../http/run-until-signal.js';
import type { ServiceMetrics } from './service-metrics.js';

export interface MetricsListenerOptions {
  /** METRICS_PORT; absent, no listener (a service started by a test, say). */
  port: number | undefined;
  /** METRICS_HOST: loopback unless the deployment's scraper sits on a private network (compose). */
  host: string;
  logger: Logger;
}

export interface MetricsListener extends Closer {
  /** `http://host:port/metrics`, undefined when nothing listens. */
  readonly url: string | undefined;
}

/**
 * Metrics on a listener of their own, never on the service's public port: what goes through the
 * reverse proxy or the portal's proxy (the public) cannot reach them, whatever path it asks for.
 * Bound to 127.0.0.1 by default, so only the machine itself (a local Prometheus or an operator on
 * it) reads them. GET /metrics only; anything else is 404.
 */
export async function serveMetrics(metrics: ServiceMetrics, { port, host, logger }: MetricsListenerOptions): Promise<MetricsListener> {
  if (port === undefined) {
    logger.info('METRICS_PORT absent : métriques non exposées');
    return { name: 'métriques', url: undefined, close: () => undefined };
  }
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('introuvable\n');
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'lecture des métriques en échec');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('métriques indisponibles\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`;
  logger.info({ url }, 'métriques exposées');
  return {
    name: 'métriques',
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
