import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import type { OutboundEvent } from '../kafka/cloudevents.js';
import { startTelemetry, type Telemetry } from '../telemetry/start-telemetry.js';
import { withOutbox } from './with-outbox.js';

const event = (id: string, extra: Partial<OutboundEvent> = {}): OutboundEvent => ({
  id,
  type: 'fr.sante.guichet.intake.request-submitted.v1',
  source: '/guichet/intake',
  subject: 'requests/r-1',
  time: '2026-11-23T10:00:00.000Z',
  key: 'r-1',
  data: { requestId: 'r-1' },
  ...extra,
});

describe('withOutbox', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'test', exporter: 'memory' });
  });
  afterAll(() => telemetry.shutdown());

  it('appends the events to the same update, stamped with the active trace context', () => {
    trace.getTracer('test').startActiveSpan('command', (span) => {
      const update = withOutbox({ $set: { status: 'submitted' }, $inc: { version: 1 } }, [event('e1'), event('e2')]);
      const traceparent = `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;
      expect(update).toEqual({
        $set: { status: 'submitted' },
        $inc: { version: 1 },
        $push: { outbox: { $each: [{ ...event('e1'), traceparent }, { ...event('e2'), traceparent }] } },
      });
      span.end();
    });
  });

  it('keeps an event’s own trace context and other $push clauses', () => {
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const update = withOutbox<{ comments: string[] }>({ $push: { comments: 'ok' } }, [event('e3', { traceparent: own })]);
    expect(update).toEqual({ $push: { comments: 'ok', outbox: { $each: [event('e3', { traceparent: own })] } } });
  });

  it('leaves the update untouched when there is nothing to publish', () => {
    const update = { $set: { a: 1 } };
    expect(withOutbox(update, [])).toBe(update);
  });
});
