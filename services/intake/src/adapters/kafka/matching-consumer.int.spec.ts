import { randomUUID } from 'node:crypto';
import { kafkaConnectionOptions } from '@guichet/platform';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cloudEventSources, type ProposalDigest, type ReservationConfirmed, type ReservationRejected } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import { Kafka, logLevel } from 'kafkajs';
import { call, eventually, proposalSet, startTestIntake, submittedCase, tokenOf, watchTopic, type ReceivedMessage, type TestIntake } from '../test-support.js';

// Events from matching through the real Kafka: duplicates and out-of-order deliveries change nothing twice.

let intake: TestIntake;
let published: Awaited<ReturnType<typeof watchTopic>>;
let dlq: Awaited<ReturnType<typeof watchTopic>>;
let lea: string;
let requestId: string;

const TYPES = {
  proposals: 'fr.sante.guichet.matching.proposals-computed.v1',
  confirmed: 'fr.sante.guichet.matching.reservation-confirmed.v1',
  rejected: 'fr.sante.guichet.matching.reservation-rejected.v1',
} as const;

function event(type: string, data: unknown, id: string = randomUUID(), key = requestId): OutboundEvent {
  return { id, type, source: cloudEventSources.matching, subject: key, time: new Date().toISOString(), key, data };
}

const publish = (...events: OutboundEvent[]) => intake.matching.publish(intake.config.MATCHING_TOPIC, events);

/** Waits until the service's consumer group has committed every message published so far. */
async function consumed(): Promise<void> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: `intake-test-offsets-${randomUUID().slice(0, 6)}`, brokers: intake.config.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(async () => {
      const ends = await admin.fetchTopicOffsets(intake.config.MATCHING_TOPIC);
      const [group] = await admin.fetchOffsets({ groupId: intake.config.CONSUMER_GROUP, topics: [intake.config.MATCHING_TOPIC] });
      const committed = new Map((group?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      return ends.every((end) => Number(end.high) === 0 || committed.get(end.partition) === Number(end.high)) ? true : undefined;
    }, 30_000);
  } finally {
    await admin.disconnect();
  }
}

const statusChanges = (to: string): ReceivedMessage[] =>
  published.messages.filter((m) => m.key === requestId && m.headers['ce_type'] === 'fr.sante.guichet.intake.request-status-changed.v1' && m.data['to'] === to);

/** The status changes read so far once `count` of them are there: the follow-up publishes them after the write that the API already shows. */
const statusChangesOnceThere = (to: string, count: number): Promise<ReceivedMessage[]> =>
  eventually(async () => {
    const changes = statusChanges(to);
    return changes.length >= count ? changes : undefined;
  });

const current = async () => (await call<{ status: string; version: number }>(intake.url, 'GET', `/v1/requests/${requestId}`, { token: lea })).body;
const proposals = async () => (await call<ProposalDigest>(intake.url, 'GET', `/v1/requests/${requestId}/proposals`, { token: lea })).body;

beforeAll(async () => {
  intake = await startTestIntake('matching');
  published = await watchTopic(intake.config.INTAKE_TOPIC);
  dlq = await watchTopic(`${intake.config.MATCHING_TOPIC}.dlq`);
  lea = await tokenOf('interne.demo');
  requestId = (await submittedCase(intake.url, lea)).id;
});

afterAll(async () => {
  await published?.stop();
  await dlq?.stop();
  await intake?.close();
});

const at = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

describe('consumer of matching.proposals.v1', () => {
  let newest: ProposalDigest;

  it('puts proposals on the case once, whatever duplicates and older sets arrive after', async () => {
    newest = proposalSet(requestId, at(5));
    const older = proposalSet(requestId, at(30));
    const once = event(TYPES.proposals, newest);
    await publish(once, once, event(TYPES.proposals, older), event(TYPES.proposals, newest));
    await consumed();
    expect(await current()).toMatchObject({ status: 'proposals_ready', version: 4 });
    expect((await proposals()).proposalSetId).toBe(newest.proposalSetId);
    await published.waitFor((m) => m.key === requestId && m.data['to'] === 'proposals_ready');
    expect(await statusChangesOnceThere('proposals_ready', 1)).toHaveLength(1);
  });

  it('returns to proposals_ready with the fresh set after a rejected reservation, even when the fresh set arrives first', async () => {
    const bundle = newest.bundles[0]!;
    const accepted = await call(intake.url, 'POST', `/v1/requests/${requestId}/proposals/accept`, {
      token: lea,
      body: { proposalSetId: newest.proposalSetId, bundleId: bundle.id },
      headers: { 'if-match': '"4"', 'idempotency-key': 'accept-newest-0001' },
    });
    expect(accepted.status).toBe(200);
    const acceptedEvent = await published.waitFor((m) => m.key === requestId && m.headers['ce_type'] === 'fr.sante.guichet.intake.bundle-accepted.v1');
    expect(acceptedEvent.data['offerIds']).toEqual([bundle.premisesOfferId, bundle.housingOfferId]);

    const fresh = proposalSet(requestId, at(0), 'reservation-rejected');
    const rejected: ReservationRejected = {
      requestId,
      proposalSetId: newest.proposalSetId,
      bundleId: bundle.id,
      unavailableOfferIds: [bundle.housingOfferId!],
      releasedOfferIds: [bundle.premisesOfferId!],
      reason: 'Le logement vient d’être attribué à un autre interne.',
      rejectedAt: at(0),
    };
    const rejection = event(TYPES.rejected, rejected);
    await publish(event(TYPES.proposals, fresh), rejection, rejection);
    await consumed();
    expect(await current()).toMatchObject({ status: 'proposals_ready' });
    expect((await proposals()).proposalSetId).toBe(fresh.proposalSetId);
    expect(await statusChangesOnceThere('proposals_ready', 2)).toHaveLength(2);
    const stale = await call(intake.url, 'POST', `/v1/requests/${requestId}/proposals/accept`, {
      token: lea,
      body: { proposalSetId: newest.proposalSetId, bundleId: bundle.id },
      headers: { 'if-match': `"${(await current()).version}"` },
    });
    expect(stale.status).toBe(409);
    newest = fresh;
  });

  it('starts the installation once when the reservation is confirmed, even if told twice', async () => {
    const bundle = newest.bundles[0]!;
    const { version } = await current();
    const accepted = await call(intake.url, 'POST', `/v1/requests/${requestId}/proposals/accept`, {
      token: lea,
      body: { proposalSetId: newest.proposalSetId, bundleId: bundle.id },
      headers: { 'if-match': `"${version}"` },
    });
    expect(accepted.status).toBe(200);
    const confirmed: ReservationConfirmed = {
      requestId,
      proposalSetId: newest.proposalSetId,
      bundleId: bundle.id,
      reservationId: randomUUID(),
      offerIds: [bundle.premisesOfferId!, bundle.housingOfferId!],
      confirmedAt: at(0),
    };
    const confirmation = event(TYPES.confirmed, confirmed);
    await publish(confirmation, confirmation, event(TYPES.confirmed, confirmed));
    await consumed();
    expect(await current()).toMatchObject({ status: 'in_progress', version: version + 2 });
    await published.waitFor((m) => m.key === requestId && m.data['to'] === 'in_progress');
    expect(await statusChangesOnceThere('in_progress', 1)).toHaveLength(1);
    const audit = await call<{ items: Array<{ action: string }> }>(intake.url, 'GET', `/v1/cases/${requestId}/audit`, { token: await tokenOf('ars.cvl') });
    expect(audit.body.items.filter((entry) => entry.action === 'record-reservation-confirmed')).toHaveLength(1);
  });

  it('sends to the dead-letter topic an event that breaks its contract or names no known case', async () => {
    const unknownCase = randomUUID();
    await publish(
      event(TYPES.proposals, { requestId, bundles: 'none' }),
      event(TYPES.proposals, proposalSet(unknownCase, at(0)), randomUUID(), unknownCase),
    );
    const invalid = await dlq.waitFor((m) => m.key === requestId);
    expect(invalid.headers['dlq_reason']).toBeTruthy();
    const unknown = await dlq.waitFor((m) => m.key === unknownCase);
    expect(unknown.headers['dlq_reason']).toContain('aucun dossier');
    expect(await current()).toMatchObject({ status: 'in_progress' });
  });
});
