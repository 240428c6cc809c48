import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { HttpSettings } from './http-settings.js';

export interface HttpServerOptions {
  settings: HttpSettings;
  port: number;
  host?: string;
}

/**
 * Applies the deployment's HTTP settings to a service's app and listens. A client that sends its
 * headers or its body too slowly is answered 408 and cut off, instead of holding a connection
 * (and its memory) for minutes; the deadlines are checked every second.
 */
export async function startHttpServer(app: Express, { settings, port, host }: HttpServerOptions): Promise<Server> {
  app.set('trust proxy', settings.TRUST_PROXY ?? false);
  const server = createServer(
    {
      requestTimeout: settings.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeout: Math.min(settings.HTTP_HEADERS_TIMEOUT_MS, settings.HTTP_REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.off('error', reject);
      resolve();
    };
    if (host === undefined) server.listen(port, listening);
    else server.listen(port, host, listening);
  });
  return server;
}
