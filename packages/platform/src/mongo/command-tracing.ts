import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type * as mongo from 'mongodb';

const tracer = () => trace.getTracer('@guichet/platform/mongodb');

// Commands the driver sends on its own (handshakes, heartbeats, sessions) are noise in a trace.
const UNTRACED = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'saslStart', 'saslContinue', 'endSessions', 'buildInfo', 'getMore', 'killCursors']);

/**
 * One CLIENT span per command from the driver's command monitoring, parented by the context
 * active when the command started. The driver emits `commandStarted` synchronously from the
 * caller's async chain, so this works under ESM without patching the driver.
 */
export function traceCommands(client: mongo.MongoClient, dbName: string): void {
  const open = new Map<number, Span>();
  client.on('commandStarted', (event) => {
    if (UNTRACED.has(event.commandName)) return;
    const parent: Context = context.active();
    if (!trace.getSpan(parent)) return;
    const collection: unknown = event.command[event.commandName];
    const span = tracer().startSpan(
      `${event.commandName} ${typeof collection === 'string' ? collection : event.databaseName}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'mongodb',
          'db.namespace': event.databaseName || dbName,
          'db.operation.name': event.commandName,
          ...(typeof collection === 'string' ? { 'db.collection.name': collection } : {}),
        },
      },
      parent,
    );
    open.set(event.requestId, span);
  });
  const finish = (requestId: number, failure?: Error) => {
    const span = open.get(requestId);
    if (!span) return;
    open.delete(requestId);
    if (failure) {
      span.recordException(failure);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  client.on('commandSucceeded', (event) => finish(event.requestId));
  client.on('commandFailed', (event) => finish(event.requestId, event.failure));
}
