import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, type EventType, type SubscriptionCreated } from '@guichet/contracts';
import type { MongoHandle } from '@guichet/platform';
import { keycloakAdminToken, keycloakUrl } from '../../../tests/harness/tokens.js';
import { startNotifications, type RunningNotifications } from '../src/main.js';
import { allConsents, completeRequest, newCaseIds, requestSubmitted } from './fixtures.js';
import { api, CasePublisher, eventually, openDatabase, quietLogger, testConfig, unique, uniqueTopics, WebhookReceiver } from './harness.js';

// The stack is shared by every engineer's runs: generous guards, never timing assertions.
jest.setTimeout(240_000);

// A realm of its own, so that disabling a partner's client here disturbs no other run: one partner
// client (role partner, region 24) and the service's own client, allowed to read client states.
const realm = unique('notifications-offboarding-');
const partnerId = 'partner-test';
const partnerSecret = 'partner-test-secret';
const directorySecret = 'directory-test-secret';
const topics = uniqueTopics();
const database = unique('notifications_offboarding_');
let admin: string;
let service: RunningNotifications;
let publisher: CasePublisher;
let mongo: MongoHandle;
const receiver = new WebhookReceiver();

async function partnerToken(): Promise<string> {
  const response = await fetch(`${keycloakUrl()}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: partnerId, client_secret: partnerSecret }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`jeton du partenaire refusé : ${response.status}`);
  return body.access_token;
}

const adminApi = async (method: string, path: string, body?: unknown): Promise<Response> => {
  const response = await fetch(`${keycloakUrl()}/admin/realms${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} : ${response.status} ${await response.text()}`);
  return response;
};

const confidential = (clientId: string, secret: string, protocolMappers: unknown[] = []) => ({
  clientId,
  enabled: true,
  publicClient: false,
  secret,
  standardFlowEnabled: false,
  directAccessGrantsEnabled: false,
  serviceAccountsEnabled: true,
  protocolMappers,
});

const mapper = (name: string, protocolMapper: string, config: Record<string, string>) => ({ name, protocol: 'openid-connect', protocolMapper, config: { 'access.token.claim': 'true', ...config } });

async function setPartnerEnabled(enabled: boolean): Promise<void> {
  const [client] = (await (await adminApi('GET', `/${realm}/clients?clientId=${partnerId}`)).json()) as Array<Record<string, unknown>>;
  await adminApi('PUT', `/${realm}/clients/${String(client?.['id'])}`, { ...client, enabled });
}

beforeAll(async () => {
  admin = await keycloakAdminToken();
  await adminApi('POST', '', {
    realm,
    enabled: true,
    roles: { realm: [{ name: 'partner' }] },
    clients: [
      confidential(partnerId, partnerSecret, [
        mapper('audience', 'oidc-audience-mapper', { 'included.custom.audience': 'guichet-api' }),
        mapper('realm roles', 'oidc-usermodel-realm-role-mapper', { 'claim.name': 'realm_access.roles', multivalued: 'true', 'jsonType.label': 'String' }),
        mapper('territory', 'oidc-hardcoded-claim-mapper', { 'claim.name': 'territory.regions', 'claim.value': '["24"]', 'jsonType.label': 'JSON' }),
      ]),
      confidential('notifications', directorySecret),
    ],
    users: [
      { username: `service-account-${partnerId}`, enabled: true, serviceAccountClientId: partnerId, realmRoles: ['partner'] },
      { username: 'service-account-notifications', enabled: true, serviceAccountClientId: 'notifications', clientRoles: { 'realm-management': ['view-clients'] } },
    ],
  });
  await receiver.start();
  publisher = await CasePublisher.open(topics);
  service = await startNotifications(
    {
      ...testConfig({ database, groupPrefix: unique('notifications-offboarding-') }),
      KEYCLOAK_REALM: realm,
      PARTNER_FAMILIES: new Map([[partnerId, 'ars']]),
      PARTNER_DIRECTORY_CLIENT_SECRET: directorySecret,
      PARTNER_STATE_INTERVAL_MS: 500,
    },
    { port: 0, host: '127.0.0.1', topics, logger: quietLogger() },
  );
  mongo = await openDatabase(database);
}, 240_000);

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await receiver.close();
  await mongo?.db.dropDatabase();
  await mongo?.close();
  if (admin) await adminApi('DELETE', `/${realm}`);
});

describe('a partner whose client is disabled in Keycloak', () => {
  it('receives nothing while disabled, and what waited once enabled again', async () => {
    const token = await partnerToken();
    const eventTypes = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder === 'ars');
    const created = await api<SubscriptionCreated>(service.url, token, 'POST', '/v1/subscriptions', { url: receiver.url, eventTypes });
    expect(created.status).toBe(201);
    receiver.secret = created.body.secret;
    const subscriptionId = created.body.subscription.id;

    await publisher.publish(requestSubmitted(newCaseIds(), completeRequest(allConsents)));
    await eventually(() => expect(receiver.accepted).toHaveLength(1));

    await setPartnerEnabled(false);
    await eventually(() => expect(service.partners.isEnabled(partnerId)).toBe(false));
    const waiting = newCaseIds();
    await publisher.publish(requestSubmitted(waiting, completeRequest(allConsents)));
    // Planned, then left waiting by a pass of the scheduler: stored as outstanding, never attempted.
    await eventually(async () => {
      const queued = await mongo.db.collection('delivery_queue').findOne({ subscriptionId, requestId: waiting.requestId } as never);
      expect(queued?.['attemptsMade']).toBe(0);
    });
    await service.scheduler.tick();
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.requests).toBe(1);

    await setPartnerEnabled(true);
    await eventually(() => expect(receiver.accepted.map((w) => w.requestId)).toContain(waiting.requestId));
  });
});
