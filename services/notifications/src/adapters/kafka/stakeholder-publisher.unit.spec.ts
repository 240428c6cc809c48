import { describe, expect, it } from '@jest/globals';
import type { EventProducer, OutboundEvent, OutboxEntry } from '@guichet/platform';
import { KafkaStakeholderPublisher } from './stakeholder-publisher.js';
import { prefixedTopicNames } from './topic-names.js';

const topics = prefixedTopicNames('');

const entry = (family: string, id: string): OutboxEntry => ({
  id,
  type: `fr.sante.guichet.stakeholder.${family}.request-submitted.v1`,
  source: '/guichet/notifications',
  subject: id,
  time: '2026-11-24T09:00:00Z',
  key: id,
  data: {},
});

/** A broker whose acknowledgements the test releases, one send at a time. */
class HeldProducer implements EventProducer {
  readonly sends: Array<{ topic: string; ids: string[] }> = [];
  private gate: Promise<void> | undefined;
  private release: (() => void) | undefined;
  failNext = false;

  hold(): void {
    this.gate = new Promise<void>((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release?.();
    this.gate = undefined;
  }

  async publish(topic: string, events: readonly OutboundEvent[]): Promise<void> {
    this.sends.push({ topic, ids: events.map((e) => e.id) });
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('courtier injoignable');
    }
  }

  async disconnect(): Promise<void> {}
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('stakeholder publisher', () => {
  it('sends what is asked while a send is in flight together, one request per topic, each family in its own topic', async () => {
    const producer = new HeldProducer();
    const publisher = new KafkaStakeholderPublisher(producer, topics);
    producer.hold();
    const first = publisher.publish([entry('ars', 'a1')]);
    await settle();
    const later = [publisher.publish([entry('ars', 'b1'), entry('cpam', 'b2')]), publisher.publish([entry('ars', 'c1'), entry('ordre', 'c2')])];
    producer.open();
    await Promise.all([first, ...later]);
    expect(producer.sends).toEqual([
      { topic: topics.stakeholder.ars, ids: ['a1'] },
      { topic: topics.stakeholder.ars, ids: ['b1', 'c1'] },
      { topic: topics.stakeholder.cpam, ids: ['b2'] },
      { topic: topics.stakeholder.ordre, ids: ['c2'] },
    ]);
  });

  it("also sends each event to the partner stream of every territory its case touches, with the same id", async () => {
    const producer = new HeldProducer();
    const publisher = new KafkaStakeholderPublisher(producer, topics);
    const inTwoDepartements = { ...entry('collectivites', 'd1'), data: { territory: { regions: ['24'], departements: ['37', '41'] } } };
    await publisher.publish([inTwoDepartements, { ...entry('ars', 'd2'), data: { territory: { regions: ['24'], departements: ['37', '41'] } } }]);
    expect(producer.sends).toEqual([
      { topic: topics.stakeholder.collectivites, ids: ['d1'] },
      { topic: topics.streams.collectivites['departement-37'], ids: ['d1'] },
      { topic: topics.streams.collectivites['departement-41'], ids: ['d1'] },
      { topic: topics.stakeholder.ars, ids: ['d2'] },
      { topic: topics.streams.ars['region-24'], ids: ['d2'] },
    ]);
  });

  it('fails every caller of a group the broker refused, and sends the next group', async () => {
    const producer = new HeldProducer();
    const publisher = new KafkaStakeholderPublisher(producer, topics);
    producer.failNext = true;
    const refused = await Promise.allSettled([publisher.publish([entry('ars', 'a1')]), publisher.publish([entry('cpam', 'b1')])]);
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(publisher.publish([entry('ars', 'a1')])).resolves.toBeUndefined();
  });

  it('refuses an event type no family receives', async () => {
    const publisher = new KafkaStakeholderPublisher(new HeldProducer(), topics);
    await expect(publisher.publish([{ ...entry('ars', 'x'), type: 'fr.sante.guichet.intake.request-submitted.v1' }])).rejects.toThrow('sans famille');
  });
});
