import { kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel } from 'kafkajs';

/** Records written so far to each topic of the broker (sum of its partitions' end offsets), Kafka's own topics aside. */
export async function topicEndOffsets(brokers: string): Promise<Record<string, number>> {
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'bench-e2e-latency-offsets', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends: Record<string, number> = {};
    for (const topic of (await admin.listTopics()).filter((name) => !name.startsWith('__'))) {
      ends[topic] = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/** Records per unit of work on each topic that received any between two readings, most first. */
export function recordsPer(before: Record<string, number>, after: Record<string, number>, units: number): Record<string, number> {
  const per = Object.entries(after)
    .map(([topic, end]) => [topic, end - (before[topic] ?? 0)] as const)
    .filter(([, written]) => written > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([topic, written]) => [topic, Math.round((written / Math.max(1, units)) * 100) / 100]);
  return Object.fromEntries(per);
}
