import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export type { ReadableSpan } from '@opentelemetry/sdk-trace';
export { InMemorySpanExporter };

export interface TelemetryOptions {
  serviceName: string;
  /** `memory` for tests, `otlp` when a collector is configured, `none` to only propagate context. */
  exporter: 'memory' | 'otlp' | 'none';
  /** Base OTLP/HTTP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`); `/v1/traces` is appended. */
  otlpEndpoint?: string;
}

export interface Telemetry {
  /** Present only with `exporter: 'memory'`. */
  memoryExporter?: InMemorySpanExporter;
  shutdown(): Promise<void>;
}

function processorFor(options: TelemetryOptions, memory: InMemorySpanExporter | undefined): SpanProcessor[] {
  switch (options.exporter) {
    case 'memory':
      return memory ? [new SimpleSpanProcessor({ exporter: memory })] : [];
    case 'otlp': {
      const url = options.otlpEndpoint ? `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` : undefined;
      return [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(url ? { url } : {}) })];
    }
    case 'none':
      return [];
  }
}

/**
 * Registers the global tracer provider with the AsyncLocalStorage context manager and the W3C
 * trace-context + baggage propagators (what SDK 2.x's `NodeTracerProvider.register()` did; SDK 3.x
 * leaves these three registrations to the application). HTTP, Express and MongoDB spans come from
 * the instrumentations that `telemetry/instrumentation.ts` registers before the entry (`--import`),
 * Kafka spans from the platform's producer and consumer (README, "Telemetry in ESM").
 * Call it first in `main.ts`, before anything opens a connection.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const memoryExporter = options.exporter === 'memory' ? new InMemorySpanExporter() : undefined;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: processorFor(options, memoryExporter),
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  return {
    ...(memoryExporter ? { memoryExporter } : {}),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
