import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { redactPersonalData } from './redact.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
  /** Where lines go; stdout when absent (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

const redactRecord = (value: Record<string, unknown>): Record<string, unknown> => redactPersonalData(value) as Record<string, unknown>;

function traceIds(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}`.slice(-2) };
}

/**
 * pino with ISO time, `service`, the active trace ids and personal fields masked at any depth.
 * Not pino's own `redact`: with wildcard paths for our fields it costs far more per line than a
 * walk of the keys (bench/RESULTS.md), and it does not reach child bindings.
 */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label: string) => ({ level: label }),
      log: redactRecord,
    },
    mixin: traceIds,
  };
  const root = destination ? pino(options, destination) : pino(options);
  // Children are created with Object.create(parent), so grandchildren inherit this override too.
  const child = root.child;
  root.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactRecord(bindings), childOptions);
  } as Logger['child'];
  return root;
}
