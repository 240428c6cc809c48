import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, stakeholderTopics, topics } from '@guichet/contracts';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';
import { chinonPremises, chinonRequest } from './support/chinon.js';
import { call } from './support/http.js';
import { accepts, nonLoopbackAddress, samples, scrape, total } from './support/metrics.js';
import { startOtlpReceiver, SPAN_KIND, type ReceivedSpan } from './support/otlp-receiver.js';
import { eventually, startSmtpSink, startWebhookReceiver } from './support/partners.js';
import { startDesk, type Desk } from './support/desk.js';
import type { RunningService } from './support/services.js';

/**
 * What an on-call engineer opens in a trace viewer for one submission: the three services export
 * to a collector (here an OTLP/HTTP receiver inside the test), and every hop of the case, from the
 * candidate's HTTP request to the partner's webhook, is in the trace the request came with; and
 * the metrics each service serves apart from its public port count that very submission.
 */

jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
const prefix = `e2e-trace-${run}.`;
const traceId = randomUUID().replace(/-/g, '');
const traceparent = `00-${traceId}-${'cd'.repeat(8)}-01`;
const surname = `Trace${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;

let services: RunningService[] = [];
let desk: Desk;
let intake: RunningService;
let matching: RunningService;
let notifications: RunningService;
let collector: Awaited<ReturnType<typeof startOtlpReceiver>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  [collector, receiver, smtp] = await Promise.all([startOtlpReceiver(), startWebhookReceiver(), startSmtpSink()]);
  desk = await startDesk({ name: 'trace', run, prefix, common: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }, notifications: { SMTP_URL: smtp.url } });
  ({ intake, matching, notifications } = desk);
  services = [intake, matching, notifications];
}, 360_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await Promise.all([collector?.stop(), receiver?.stop(), smtp?.stop()]);
});

let requestId = '';

describe('one trace from the candidate’s form to the partner’s webhook', () => {
  it('puts every hop of one submission in the trace of its HTTP request', async () => {
    const publisher = await passwordToken('publisher.37');
    expect((await call(matching.url, 'POST', '/v1/offers', publisher, chinonPremises(`Cabinet trace ${run}`), { 'Idempotency-Key': `trace-${run}-offer` })).status).toBe(201);
    const ars = await clientCredentialsToken('partner-ars');
    const arsEvents = Object.entries(eventCatalogue).filter(([, entry]) => entry.topic === stakeholderTopics.ars).map(([type]) => type);
    const subscription = await call(notifications.url, 'POST', '/v1/subscriptions', ars, { url: receiver.url, eventTypes: arsEvents, territory: { departements: ['37'] } }, { 'Idempotency-Key': `trace-${run}-sub` });
    expect(subscription.status).toBe(201);
    receiver.setSecret(String(subscription.body.secret));

    const candidate = await passwordToken('interne.demo');
    const request = chinonRequest(
      { lastName: surname, email: `trace.${run}@example.org` },
      { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' } },
      { ars: true, cpam: true, ordre: true, collectivites: false },
    );
    const draft = await call(intake.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `trace-${run}-draft` });
    expect(draft.status).toBe(201);
    requestId = String(draft.body.id);
    const submitted = await call(intake.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '', traceparent });
    expect(submitted.status).toBe(200);

    const delivery = await eventually('webhook delivery', () => receiver.deliveries.find((d) => JSON.stringify(d.body).includes(requestId) && d.traceparent?.includes(traceId)), 180_000);
    expect(delivery.verified).toBe(true);

    const inTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    const one = (service: string, kind: number, name: (n: string) => boolean) => () => inTrace().find((s) => s.service === service && s.kind === kind && name(s.name));
    const named = (exact: string) => (n: string) => n === exact;
    const isMongo = (span: ReceivedSpan) => span.attributes['db.system.name'] === 'mongodb' || span.attributes['db.system'] === 'mongodb';
    const hops: Array<[string, () => ReceivedSpan | undefined]> = [
      ['intake: the submission', one('intake', SPAN_KIND.server, named('POST /v1/requests/:requestId/submit'))],
      // From OpenTelemetry's MongoDB instrumentation, loaded before the service's entry.
      ['intake: the submission written to MongoDB', () => inTrace().find((s) => s.service === 'intake' && s.kind === SPAN_KIND.client && isMongo(s) && /^(update|insert|findAndModify) /.test(s.name))],
      ['intake: the outbox publish', one('intake', SPAN_KIND.producer, named(`send ${prefix}${topics.intakeRequests}`))],
      ['matching: processing the request', one('matching', SPAN_KIND.consumer, named(`process ${prefix}${topics.intakeRequests}`))],
      ['matching: the proposals event', one('matching', SPAN_KIND.producer, named(`send ${prefix}${topics.matchingProposals}`))],
      ['intake: the case updated with the proposals', one('intake', SPAN_KIND.consumer, named(`process ${prefix}${topics.matchingProposals}`))],
      ['notifications: the projection', one('notifications', SPAN_KIND.consumer, named(`process ${prefix}${topics.intakeRequests}`))],
      ['notifications: the stakeholder event on Kafka', one('notifications', SPAN_KIND.producer, named(`send ${prefix}${stakeholderTopics.ars}`))],
      ['notifications: the webhook delivery', one('notifications', SPAN_KIND.client, named('POST'))],
    ];
    // Services export in batches every few seconds.
    await eventually('every hop exported', () => (hops.every(([, find]) => find()) ? true : undefined), 60_000).catch(() => {
      const missing = hops.filter(([, find]) => !find()).map(([what]) => what);
      const seen = inTrace().map((s) => `${s.service} ${s.kind} ${s.name}`);
      throw new Error(`missing in trace ${traceId}: ${missing.join('; ')}\nseen: ${[...new Set(seen)].join('\n')}`);
    });

    // Each hop hangs from the previous one, not beside it: parents are spans of this very trace.
    const ids = new Set(inTrace().map((s) => s.spanId));
    const [server] = hops.map(([, find]) => find());
    expect(server?.parentSpanId).toBe('cd'.repeat(8));
    for (const [what, find] of hops.slice(1)) expect({ what, parentInTrace: ids.has(find()?.parentSpanId ?? '') }).toEqual({ what, parentInTrace: true });
    // Statements are recorded without their values: no personal data of the candidate in the trace.
    const attributes = JSON.stringify(inTrace().map((span) => span.attributes));
    expect([surname, `trace.${run}@example.org`].filter((personal) => attributes.includes(personal))).toEqual([]);
    // The partner's tracing continues from the delivery's own span.
    const webhook = hops[hops.length - 1]![1]()!;
    expect(delivery.traceparent).toBe(`00-${traceId}-${webhook.spanId}-01`);
  });

  it('counts the submission, its publication, its processing and its webhook delivery in the services’ metrics', async () => {
    const intakeTopic = `${prefix}${topics.intakeRequests}`;
    const proposalsTopic = `${prefix}${topics.matchingProposals}`;
    // Lag and backlog are read at each scrape: the journey's messages are all handled once it is over.
    const settled = async () => {
      const [intakeText, matchingText, notificationsText] = await Promise.all([scrape(intake.metricsUrl), scrape(matching.metricsUrl), scrape(notifications.metricsUrl)]);
      const quiet = [intakeText, matchingText, notificationsText].every(
        (text) => total(text, 'kafka_consumer_lag_read') === 1 && total(text, 'kafka_consumer_lag') === 0 && total(text, 'outbox_backlog') === 0,
      );
      // A pass logs its attempts once its receivers have answered.
      const logged = total(notificationsText, 'webhook_delivery_attempts_total') === receiver.deliveries.length;
      return quiet && logged ? { intakeText, matchingText, notificationsText } : undefined;
    };
    const { intakeText, matchingText, notificationsText } = await eventually('consumers caught up and outboxes empty', settled, 60_000);

    expect(total(intakeText, 'http_server_request_duration_seconds_count', { method: 'POST', route: '/v1/requests/:requestId/submit', status_code: '200' })).toBe(1);
    expect(total(intakeText, 'outbox_events_published_total', { topic: intakeTopic, by: 'writer' })).toBeGreaterThanOrEqual(1);
    expect(total(matchingText, 'outbox_events_published_total', { topic: proposalsTopic })).toBeGreaterThanOrEqual(1);
    expect(total(notificationsText, 'outbox_events_published_total', { topic: `${prefix}${stakeholderTopics.ars}` })).toBeGreaterThanOrEqual(1);
    expect(total(notificationsText, 'webhook_delivery_attempts_total', { outcome: 'delivered', attempt: '1' })).toBe(receiver.deliveries.length);
    expect(total(notificationsText, 'webhook_delivery_attempts_total', { outcome: 'retrying' }) ?? 0).toBe(0);
    expect(total(notificationsText, 'webhook_delivery_delay_seconds_count', { attempt: '1' })).toBe(receiver.deliveries.length);
    expect(total(notificationsText, 'webhook_dead_letters_total') ?? 0).toBe(0);
    // Every consumer group of the run is measured, on each partition of its topics.
    expect(samples(intakeText, 'kafka_consumer_lag', { group: desk.group('intake'), topic: proposalsTopic }).length).toBeGreaterThan(0);
    expect(samples(matchingText, 'kafka_consumer_lag', { topic: intakeTopic }).length).toBeGreaterThan(0);
    expect(samples(notificationsText, 'kafka_consumer_lag', { topic: intakeTopic }).length).toBeGreaterThan(0);
    for (const text of [intakeText, matchingText, notificationsText]) {
      expect(total(text, 'outbox_oldest_age_seconds')).toBe(0);
      expect(total(text, 'nodejs_eventloop_lag_seconds')).toBeDefined();
      // Route templates, not paths: no request id, no name, no e-mail address in any label.
      expect([requestId, surname, `trace.${run}@example.org`].filter((personal) => text.includes(personal))).toEqual([]);
    }
  });

  it('keeps the metrics out of the public’s reach', async () => {
    for (const service of services) {
      // The public port has no metrics under any name.
      expect({ service: service.name, status: (await fetch(`${service.url}/metrics`)).status }).toEqual({ service: service.name, status: 404 });
      // The metrics listener answers on loopback only: another machine cannot connect to it.
      const port = Number(new URL(service.metricsUrl).port);
      expect({ service: service.name, loopback: await accepts('127.0.0.1', port), outside: await accepts(nonLoopbackAddress(), port) }).toEqual({ service: service.name, loopback: true, outside: false });
    }
  });
});
