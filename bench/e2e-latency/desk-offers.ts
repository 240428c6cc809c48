import { readdirSync, readFileSync } from 'node:fs';
import { kafkaConnectionOptions } from '@guichet/platform';
import { topics, type OfferInput } from '@guichet/contracts';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { communeIndex, distanceKm } from '@guichet/territory';

/**
 * Offers of a demo region for the bench's desk, so that each submission gets the proposals a
 * demo desk gives (bundles with their aids), not an empty answer: premises of the kind the bench's
 * request asks for (MSP room, 15-30 m², rent under 600 €) in communes of Indre-et-Loire within
 * its 30 km around Chinon, published through matching's API by an administrator of the test realm.
 */
const CHINON = '37072';
const RADIUS_KM = 30;

function premisesNear(count: number): OfferInput[] {
  const index = communeIndex();
  const chinon = index.get(CHINON);
  if (!chinon?.location) throw new Error(`commune ${CHINON} inconnue`);
  const from = chinon.location;
  const communes = [...index.all()]
    .filter((c) => c.departement === '37' && c.location && distanceKm(from, c.location) <= RADIUS_KM)
    .sort((a, b) => (a.insee < b.insee ? -1 : 1));
  return Array.from({ length: count }, (_, i) => {
    const commune = communes[i % communes.length]!;
    return {
      kind: 'premises',
      details: {
        premisesType: 'msp-room',
        title: `Cabinet en MSP n° ${i + 1} (${commune.name})`,
        communeCode: commune.insee,
        surfaceM2: 16 + (i % 12),
        monthlyRent: { amountCents: 35_000 + (i % 8) * 2_500, currency: 'EUR' },
        availableFrom: '2027-03-01',
      },
    } as OfferInput;
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

async function adminToken(keycloakUrl: string): Promise<string> {
  const response = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin', password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin' }),
  });
  const token = (await json(response)).access_token;
  if (typeof token !== 'string') throw new Error(`Keycloak admin token refused: ${response.status}`);
  return token;
}

/** An administrator of the test realm (role `admin`: publishes offers in any territory), and its access token. */
async function publisherToken(keycloakUrl: string, realm: string): Promise<string> {
  const admin = await adminToken(keycloakUrl);
  const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
  // The realm takes the e-mail as username (registrationEmailAsUsername): the account is found and signs in by it.
  const username = 'bench.publisher@bench.example';
  const password = 'bench';
  const created = await fetch(`${keycloakUrl}/admin/realms/${realm}/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username, enabled: true, emailVerified: true, firstName: 'Bench', lastName: 'Publisher', email: username, credentials: [{ type: 'password', value: password, temporary: false }], requiredActions: [] }),
  });
  if (created.status !== 201 && created.status !== 409) throw new Error(`Keycloak refused the bench publisher: ${created.status}`);
  const [user] = (await (await fetch(`${keycloakUrl}/admin/realms/${realm}/users?exact=true&username=${encodeURIComponent(username)}`, { headers })).json()) as { id: string }[];
  const role = await json(await fetch(`${keycloakUrl}/admin/realms/${realm}/roles/admin`, { headers }));
  const mapped = await fetch(`${keycloakUrl}/admin/realms/${realm}/users/${user?.id}/role-mappings/realm`, { method: 'POST', headers, body: JSON.stringify([role]) });
  if (!mapped.ok) throw new Error(`Keycloak refused the admin role to the bench publisher: ${mapped.status}`);
  const response = await fetch(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'guichet-test', username, password, scope: 'openid' }),
  });
  const token = (await json(response)).access_token;
  if (typeof token !== 'string') throw new Error(`no token for the bench publisher: ${response.status}`);
  return token;
}

/**
 * The URL of a service this process started (Linux: read from /proc), the desk telling only
 * intake's: the child whose command runs `services/<name>/src/main.ts`, on its PORT.
 */
export function childServiceUrl(name: string, root = String(process.pid)): string {
  const parentOf = (pid: string) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '';
    } catch {
      return '';
    }
  };
  const isBelow = (pid: string) => {
    for (let p = parentOf(pid); p !== '' && p !== '0' && p !== '1'; p = parentOf(p)) if (p === root) return true;
    return false;
  };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!args.some((arg) => arg.endsWith(`services/${name}/src/main.ts`)) || !isBelow(pid)) continue;
      const port = readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .find((entry) => entry.startsWith('PORT='))
        ?.slice('PORT='.length);
      if (port) return `http://127.0.0.1:${port}`;
    } catch {
      // a process that ended meanwhile
    }
  }
  throw new Error(`no ${name} service started by this process`);
}

/** Publishes `count` premises through matching's API and waits until its proposals can use them. */
export async function publishDeskOffers(options: { keycloakUrl: string; realm: string; matchingUrl: string; count: number }): Promise<number> {
  const token = await publisherToken(options.keycloakUrl, options.realm);
  let published = 0;
  for (const input of premisesNear(options.count)) {
    const response = await fetch(`${options.matchingUrl}/v1/offers`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    if (response.status !== 201) throw new Error(`matching refused a bench offer: ${response.status} ${await response.text()}`);
    published += 1;
  }
  return published;
}

/**
 * Waits until every consumer group of the desk reading the offers topic (but matching's
 * per-instance read-model groups, which only index) has consumed it: each offer published
 * re-matches the open requests near it, and that work must not fall inside the measured window
 * (the bench's requests are all near Chinon: a late offer would re-match them all).
 */
export async function waitOffersConsumed(brokers: string, timeoutMs = 180_000): Promise<number> {
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'e2e-latency-offers', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const high = new Map((await admin.fetchTopicOffsets(topics.catalogueOffers)).map((p) => [p.partition, Number(p.high)]));
      const { groups } = await admin.listGroups();
      // Read-model and catalogue groups are per instance and start and commit no offset: never "caught up" by their offsets.
      const { groups: described } = await admin.describeGroups(groups.map((g) => g.groupId).filter((id) => !id.startsWith('e2e-partner') && !id.includes('read-model-') && !id.includes('-catalogue-')));
      // The groups with a member assigned the topic read it, whether or not they have committed yet.
      const reading = described.filter((g) => g.members.some((m) => m.memberAssignment.length > 0 && topics.catalogueOffers in AssignerProtocol.MemberAssignment.decode(m.memberAssignment)!.assignment));
      let behind = 0;
      for (const { groupId } of reading) {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topics.catalogueOffers] });
        for (const { partition, offset } of offsets?.partitions ?? []) behind += Math.max(0, (high.get(partition) ?? 0) - Math.max(0, Number(offset)));
      }
      const readers = reading.length;
      if ((readers > 0 && behind === 0) || Date.now() > deadline) return behind;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await admin.disconnect();
  }
}
