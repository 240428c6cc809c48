import { describe, expect, it } from '@jest/globals';
import type { OutboundEvent } from './cloudevents.js';
import type { EventProducer, TopicEvents } from './producer.js';
import { publishByTopic, sendsUnderLimit } from './publish-by-topic.js';

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
  readonly sends: Array<Array<{ topic: string; ids: string[] }>> = [];
  async publish(topic: string, events: readonly OutboundEvent[]): Promise<void> {
    await this.publishTogether([{ topic, events }]);
  }
  async publishTogether(sends: readonly TopicEvents[]): Promise<void> {
    this.sends.push(sends.map(({ topic, events }) => ({ topic, ids: events.map((e) => e.id) })));
  }
  async disconnect(): Promise<void> {}
}

describe('publishByTopic', () => {
  it('sends the events of every topic together, each topic keeping the order of its events', async () => {
    const producer = new RecordingProducer();
    await publishByTopic(producer, [event('1', 'a'), event('2', 'b'), event('3', 'a'), event('4', 'b')], (e) => e.type);
    expect(producer.sends).toEqual([
      [
        { topic: 'a', ids: ['1', '3'] },
        { topic: 'b', ids: ['2', '4'] },
      ],
    ]);
  });

  it('splits into consecutive sends under the limit, so the broker never refuses one for its size', async () => {
    const producer = new RecordingProducer();
    const events = [event('1', 'a', 400), event('2', 'b', 400), event('3', 'a', 400), event('4', 'b', 400), event('5', 'b', 400)];
    await publishByTopic(producer, events, (e) => e.type, 1000);
    expect(producer.sends).toEqual([
      [{ topic: 'a', ids: ['1', '3'] }],
      [{ topic: 'b', ids: ['2', '4'] }],
      [{ topic: 'b', ids: ['5'] }],
    ]);
  });
});

describe('sendsUnderLimit', () => {
  it('sends an event over the limit by itself rather than dropping it', () => {
    const sends = sendsUnderLimit([event('small', 'a', 10), event('huge', 'a', 5000), event('next', 'b', 10)], (e) => e.type, 1000);
    expect(sends.map((send) => send.map(({ topic, events }) => ({ topic, ids: events.map((e) => e.id) })))).toEqual([
      [{ topic: 'a', ids: ['small'] }],
      [{ topic: 'a', ids: ['huge'] }],
      [{ topic: 'b', ids: ['next'] }],
    ]);
  });
});
