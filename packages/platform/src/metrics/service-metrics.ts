import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

export type { Counter, Gauge, Histogram };

type Without<C> = Omit<C, 'registers'>;

/**
 * One service's Prometheus metrics: its own registry (two services started in one test process
 * never share a series), the Node runtime's metrics, and every series labelled with the service.
 * Adapters register their counters here; `serveMetrics` exposes them.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Without<CounterConfiguration<L>>): Counter<L> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Without<GaugeConfiguration<L>>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Without<HistogramConfiguration<L>>): Histogram<L> {
    return new Histogram({ ...config, registers: [this.registry] });
  }

  /** The exposition text, as Prometheus scrapes it. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * What a scrape-time reading (a database count, the broker's offsets) gives within `ms`, or
 * undefined: a slow dependency leaves its series out instead of holding the whole scrape.
 */
export async function within<T>(ms: number, reading: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([reading().catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
