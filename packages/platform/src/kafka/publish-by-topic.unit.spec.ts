import { describe, expect, it } from '@jest/globals';
import type { OutboundEvent } from './cloudevents.js';
import type { EventProducer } from './producer.js';
import { publishByTopic, underSendLimit } from './publish-by-topic.js';

const event = (id: string, topic: string, bytes = 10): OutboundEvent<{ pad: string }> => ({
  id,
  type: topic,
  source: '/guichet/test',
  subject: id,
  time: '2026-11-24T09:00:00Z',
  key: id,
  data: { pad: 'x'.repeat(bytes) },
});

class RecordingProducer implements EventProducer {
  readonly sends: Array<{ topic: string; ids: string[] }> = [];
  async publish(topic: string, events: readonly OutboundEvent[]): Promise<void> {
    this.sends.push({ topic, ids: events.map((e) => e.id) });
  }
  async disconnect(): Promise<void> {}
}

describe('publishByTopic', () => {
  it('sends once per topic, each topic keeping the order of its events', async () => {
    const producer = new RecordingProducer();
    await publishByTopic(producer, [event('1', 'a'), event('2', 'b'), event('3', 'a'), event('4', 'b')], (e) => e.type);
    expect(producer.sends).toEqual([
      { topic: 'a', ids: ['1', '3'] },
      { topic: 'b', ids: ['2', '4'] },
    ]);
  });

  it('splits a topic into consecutive sends under the limit, so the broker never refuses one for its size', async () => {
    const producer = new RecordingProducer();
    const events = ['1', '2', '3', '4', '5'].map((id) => event(id, 'a', 400));
    await publishByTopic(producer, events, (e) => e.type, 1000);
    expect(producer.sends.map((send) => send.ids)).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });
});

describe('underSendLimit', () => {
  it('sends an event over the limit by itself rather than dropping it', () => {
    const parts = underSendLimit([event('small', 'a', 10), event('huge', 'a', 5000), event('next', 'a', 10)], 1000);
    expect(parts.map((part) => part.map((e) => e.id))).toEqual([['small'], ['huge'], ['next']]);
  });
});
