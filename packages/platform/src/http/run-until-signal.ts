import type { Server } from 'node:http';
import type { Logger } from '../logger/create-logger.js';

export interface Closer {
  name: string;
  close(): Promise<void> | void;
}

export interface RunUntilSignalOptions {
  server: Server;
  /** Closed in order after HTTP has drained: relays and consumers first, then producers, then MongoDB. */
  closers: readonly Closer[];
  logger: Logger;
  /** In-flight requests get this long before their connections are cut. */
  drainTimeoutMs?: number;
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Runs the same sequence as a signal; resolves with the exit code passed to `exit`. */
  shutdown(reason: string): Promise<number>;
}

function closeServer(server: Server, drainTimeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
    // Keep-alive connections become idle once their last response is sent; close them then.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function runUntilSignal({
  server,
  closers,
  logger,
  drainTimeoutMs = 10_000,
  signals = ['SIGTERM', 'SIGINT'],
  exit = (code) => process.exit(code),
}: RunUntilSignalOptions): ShutdownHandle {
  let running: Promise<number> | undefined;

  const sequence = async (reason: string): Promise<number> => {
    logger.info({ reason }, 'arrêt demandé : plus de nouvelles connexions, vidage des requêtes en cours');
    let code = 0;
    await closeServer(server, drainTimeoutMs);
    for (const closer of closers) {
      try {
        await closer.close();
        logger.info({ closer: closer.name }, 'ressource fermée');
      } catch (error) {
        code = 1;
        logger.error({ err: error, closer: closer.name }, 'échec à la fermeture');
      }
    }
    logger.info({ code }, 'arrêt terminé');
    exit(code);
    return code;
  };

  const shutdown = (reason: string): Promise<number> => {
    running ??= sequence(reason);
    return running;
  };
  for (const signal of signals) process.once(signal, () => void shutdown(signal));
  return { shutdown };
}
