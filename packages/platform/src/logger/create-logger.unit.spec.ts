import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { startTelemetry, type Telemetry } from '../telemetry/start-telemetry.js';
import { createLogger } from './create-logger.js';
import { redactPersonalData, REDACTED } from './redact.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'intake', level: 'debug', destination }) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'intake', exporter: 'memory' });
  });
  afterAll(() => telemetry.shutdown());

  it('writes JSON with the service name and no trace ids outside a span', async () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'r-1' }, 'bonjour');
    await flush();
    expect(lines[0]).toMatchObject({ level: 'info', service: 'intake', requestId: 'r-1', msg: 'bonjour' });
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('adds the active trace and span ids', async () => {
    const { lines, logger } = capture();
    const span = trace.getTracer('test').startSpan('op');
    trace.getTracer('test').startActiveSpan('op', (active) => {
      logger.info('dans une trace');
      active.end();
    });
    span.end();
    await flush();
    expect(lines[0]!['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0]!['span_id']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('masks personal fields at any depth, in arrays and in child bindings', async () => {
    const { lines, logger } = capture();
    const candidate = {
      id: 'c-1',
      firstName: 'Camille',
      last_name: 'Martin',
      contact: { email: 'camille@example.fr', phoneNumber: '0612345678', address: { street: '1 rue X', city: 'Tours' } },
      history: [{ step: { detail: { deeper: { stillDeeper: { rpps: '10101010101', birthDate: '1998-02-03' } } } } }],
    };
    logger.child({ requestId: 'r-2' }).child({ user: { email: 'agent@ars.fr' } }).info({ candidate }, 'demande reçue');
    await flush();
    const text = JSON.stringify(lines[0]);
    for (const secret of ['Camille', 'Martin', 'camille@example.fr', '0612345678', '1 rue X', '10101010101', '1998-02-03', 'agent@ars.fr']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      requestId: 'r-2',
      user: { email: REDACTED },
      candidate: { id: 'c-1', firstName: REDACTED, last_name: REDACTED, contact: { email: REDACTED, address: REDACTED } },
    });
    expect(candidate.firstName).toBe('Camille');
  });
});

describe('redactPersonalData', () => {
  it('keeps non-personal values, errors and absent fields as they are', () => {
    const error = new Error('boom');
    expect(redactPersonalData({ status: 'submitted', email: null, err: error, list: [1, 'a'] })).toEqual({
      status: 'submitted',
      email: null,
      err: error,
      list: [1, 'a'],
    });
  });

  it('survives circular structures', () => {
    const node: Record<string, unknown> = { email: 'x@y.fr' };
    node['self'] = node;
    expect(redactPersonalData(node)).toEqual({ email: REDACTED, self: '[circulaire]' });
  });
});
