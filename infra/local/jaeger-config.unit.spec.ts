import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { jaeger, traceViewerOtlpEndpoint } from './components/jaeger.mjs';

// What `npm run observe` starts (infra/local/jaeger/config.yaml) listens on loopback only: Jaeger's
// own defaults bind 0.0.0.0 (query HTTP and gRPC, OTLP, health check, internal metrics).

interface JaegerConfig {
  service: { extensions: string[]; pipelines: { traces: { receivers: string[] } }; telemetry: { metrics: { level: string } } };
  extensions: { jaeger_query: { http?: { endpoint?: string }; grpc?: { endpoint?: string } } };
  receivers: { otlp: { protocols: Record<string, { endpoint?: string }> } };
}

const config = parse(readFileSync(new URL('./jaeger/config.yaml', import.meta.url), 'utf8')) as JaegerConfig;

/** Every `endpoint` of the file, wherever it is. */
function endpoints(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'endpoint' && typeof value === 'string' ? [value] : endpoints(value)));
}

describe('the local trace viewer’s configuration', () => {
  it('binds every listener to 127.0.0.1, each one named, none left to a default address', () => {
    expect(endpoints(config).every((endpoint) => endpoint.startsWith('127.0.0.1:'))).toBe(true);
    expect(config.extensions.jaeger_query.http?.endpoint).toBe(jaeger.endpoint.replace('http://', ''));
    expect(config.extensions.jaeger_query.grpc?.endpoint).toMatch(/^127\.0\.0\.1:/);
    expect(Object.values(config.receivers.otlp.protocols).map((protocol) => protocol.endpoint)).toEqual([traceViewerOtlpEndpoint.replace('http://', '')]);
    expect(config.service.telemetry.metrics.level).toBe('none');
    expect(config.service.extensions.sort()).toEqual(['jaeger_query', 'jaeger_storage']);
    expect(config.service.pipelines.traces.receivers).toEqual(['otlp']);
  });

  it('names as the component’s ports those the configuration opens', () => {
    const ports = endpoints(config).map((endpoint) => Number(endpoint.split(':')[1]));
    expect([...ports].sort()).toEqual([...jaeger.ports].sort());
  });
});
