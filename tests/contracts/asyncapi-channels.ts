import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What contracts/asyncapi.yaml promises about one topic. */
export interface ChannelPromise {
  topic: string;
  partitions: number;
  /** Broker settings, as the broker reports them (lists joined by commas). */
  config: Record<string, string>;
}

interface RawChannel {
  address: string;
  parameters?: { territoire?: { enum?: string[] } };
  bindings: { kafka: { partitions: number; topicConfiguration?: Record<string, string | number | string[]> } };
}

interface RawContract {
  channels: Record<string, RawChannel>;
}

const contract = parse(readFileSync(join(root, 'contracts', 'asyncapi.yaml'), 'utf8')) as RawContract;

/** A territorial channel (`stakeholder.<family>.{territoire}.v1`) promises one topic per value of its parameter. */
const addressesOf = (channel: RawChannel): string[] =>
  channel.parameters?.territoire ? (channel.parameters.territoire.enum ?? []).map((territory) => channel.address.replace('{territoire}', territory)) : [channel.address];

export function channelPromises(): ChannelPromise[] {
  return Object.values(contract.channels).flatMap((channel) =>
    addressesOf(channel).map((topic) => ({
      topic,
      partitions: channel.bindings.kafka.partitions,
      config: Object.fromEntries(Object.entries(channel.bindings.kafka.topicConfiguration ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)])),
    })),
  );
}

/** infra/kafka/topics.json: what the stack creates on the broker. */
export interface DeclaredTopic {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

export function declaredTopics(): DeclaredTopic[] {
  return (JSON.parse(readFileSync(join(root, 'infra', 'kafka', 'topics.json'), 'utf8')) as { topics: DeclaredTopic[] }).topics;
}
