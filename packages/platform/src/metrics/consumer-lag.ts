import type { ConsumerLag, KafkaClient } from '../kafka/client.js';
import { within, type ServiceMetrics } from './service-metrics.js';

/**
 * Consumer lag per group, topic and partition, read from the broker at each scrape (the groups'
 * committed offsets against the partitions' ends) within `timeoutMs`. A broker that does not
 * answer in time leaves the lag series out and sets `kafka_consumer_lag_read` to 0.
 */
export function measureConsumerLag(metrics: ServiceMetrics, kafka: KafkaClient, timeoutMs = 3000): void {
  // Both gauges are collected in parallel by one scrape: they share its reading.
  let reading: Promise<ConsumerLag[] | undefined> | undefined;
  const current = () => (reading ??= within(timeoutMs, () => kafka.consumerLag()).finally(() => (reading = undefined)));
  metrics.gauge({
    name: 'kafka_consumer_lag_read',
    help: '1 si le relevé du retard des consommateurs a abouti à ce relevé, 0 sinon',
    async collect() {
      this.set((await current()) === undefined ? 0 : 1);
    },
  });
  metrics.gauge({
    name: 'kafka_consumer_lag',
    help: 'Messages pas encore traités par le groupe de consommateurs, par sujet et partition',
    labelNames: ['group', 'topic', 'partition'] as const,
    async collect() {
      const rows = await current();
      this.reset();
      for (const { group, topic, partition, lag } of rows ?? []) this.set({ group, topic, partition: String(partition) }, lag);
    },
  });
}
