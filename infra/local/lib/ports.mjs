import net from 'node:net';

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Parses "host:port" (brokers, Mongo hosts) with a default port. */
export function hostPort(text, defaultPort) {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(text.trim());
  if (!match) return { host: text, port: defaultPort };
  return { host: match[1], port: match[2] ? Number(match[2]) : defaultPort };
}
