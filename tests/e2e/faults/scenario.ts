import { spawnSync } from 'node:child_process';
import { connectMongo, kafkaConnectionOptions, openKeyVault } from '@guichet/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIfSealed, stakeholderTopics, topics } from '@guichet/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaPartner, startSmtpSink, type StakeholderRecord } from '../support/partners.js';
import { Instances, startInstance } from '../support/instances.js';
import type { ServiceName } from '../support/services.js';
import { runLoad, type LoadProgress, type RequestOutcome } from './load.js';
import { startOwnInfrastructure, type KillableProcess, type OwnInfrastructure } from './own-infrastructure.js';
import { createTestRealm, tokensFor, type TestRealm } from './test-realm.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Keycloak is the one component a run shares with the other tests (its broker and database are
 * its own): started when it does not answer.
 */
export async function ensureKeycloak(keycloakUrl: string): Promise<void> {
  try {
    if ((await fetch(`${keycloakUrl}/realms/master`, { signal: AbortSignal.timeout(3000) })).ok) return;
  } catch {
    // not answering: started below
  }
  spawnSync(process.execPath, ['infra/local/stack.mjs', 'up', 'keycloak'], { cwd: repositoryRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * The desk of one fault run: its own broker, database and `instances` instances of each of the
 * three services, a throw-away realm of candidates in the real Keycloak, a mail sink. Used by the
 * fault test and the latency benchmark.
 */
export type Component = 'kafka' | 'ferretdb' | ServiceName;
export const allComponents: readonly Component[] = ['kafka', 'ferretdb', 'intake', 'matching', 'notifications'];

const services: readonly ServiceName[] = ['matching', 'intake', 'notifications'];

export interface Desk {
  run: string;
  infrastructure: OwnInfrastructure;
  realm: TestRealm;
  identities: { candidate: string; token: string }[];
  /** Instances of each service. */
  instances: number;
  /** An intake instance, in turn, skipping one that is down while another is up (as a load balancer does). */
  intakeUrl(): string;
  /** Kills the component (a service's first instance) with SIGKILL, leaves it down `downMs`, starts it again and waits until it answers. */
  crash(component: Component, downMs: number): Promise<void>;
  /** `keepData`: the run's Kafka and FerretDB files stay under `.cache/run/faults-<run>` for a post-mortem. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function openDesk(options: { keycloakUrl: string; candidates: number; instances?: number; log(line: string): void }): Promise<Desk> {
  const instances = options.instances ?? 1;
  const run = randomUUID().slice(0, 8);
  const { log } = options;
  const began = Date.now();
  const since = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
  const [infrastructureStart, realmCreation] = await Promise.allSettled([
    startOwnInfrastructure(run).then((infra) => (log(`own Kafka ${infra.brokers} and FerretDB ${infra.mongodbUri} up (${since()})`), infra)),
    createTestRealm(options.keycloakUrl, `guichet-faults-${run}`, options.candidates).then((r) => (log(`test realm ${r.name} with ${options.candidates} candidates (${since()})`), r)),
  ]);
  if (infrastructureStart.status === 'rejected' || realmCreation.status === 'rejected') {
    if (infrastructureStart.status === 'fulfilled') await infrastructureStart.value.dispose();
    if (realmCreation.status === 'fulfilled') await realmCreation.value.remove().catch(() => undefined);
    throw infrastructureStart.status === 'rejected' ? infrastructureStart.reason : (realmCreation as PromiseRejectedResult).reason;
  }
  const infrastructure = infrastructureStart.value;
  const realm = realmCreation.value;
  const smtp = await startSmtpSink();
  const tokenRequests = tokensFor(realm);
  tokenRequests.catch(() => undefined);
  const webhookSecretsKey = randomBytes(32).toString('base64');
  const env = (name: ServiceName): Record<string, string> => ({
    KAFKA_BROKERS: infrastructure.brokers,
    MONGODB_URI: infrastructure.mongodbUri,
    KEYCLOAK_URL: options.keycloakUrl,
    KEYCLOAK_REALM: realm.name,
    LOG_LEVEL: 'warn',
    MONGODB_DB: `faults_${name}`,
    // A fresh broker: every consumer group reads its topics from the start, and a restarted
    // instance does not wait for its group to be joined again before answering.
    NEW_GROUP_START: 'earliest',
    // One key for the whole run: a restarted notifications must read the secrets it sealed before.
    ...(name === 'notifications' ? { SMTP_URL: smtp.url, WEBHOOK_SECRETS_KEY: webhookSecretsKey } : {}),
  });
  const running = new Map<ServiceName, Instances>();
  // E2E_SERVICE_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`: each service's node options, to profile a run.
  const nodeArgs = (process.env.E2E_SERVICE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  // A service that exits while starting (its broker's connection closed under load, say) is started again, as a supervisor would.
  const start = async (name: ServiceName, index: number, port?: number) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await startInstance(name, index, env(name), 300_000, { direct: true, nodeArgs, logName: `faults-${run}-${name}.log`, ...(port === undefined ? {} : { port }) });
      } catch (error) {
        if (attempt >= 3) throw error;
        log(`${name} ${index + 1} did not start (${error instanceof Error ? error.message : String(error)}): started again`);
      }
    }
  };
  const close = async ({ keepData = false }: { keepData?: boolean } = {}) => {
    await Promise.all([...running.values()].flatMap((group) => group.running.map((service) => service.stop())));
    await Promise.all([infrastructure.dispose({ keepData }), realm.remove().catch(() => undefined), smtp.stop()]);
  };
  try {
    // The first instance of each service alone first: it creates the indexes, topics and reference data the others find.
    for (const name of services) running.set(name, new Instances([await start(name, 0)]));
    for (let index = 1; index < instances; index += 1) {
      const started = await Promise.all(services.map((name) => start(name, index)));
      for (const service of started) running.get(service.name)?.running.push(service);
    }
    log(`${instances} instance(s) of each service up (${since()}), logs in test-artifacts/e2e/faults-${run}-*.log`);
  } catch (error) {
    await close();
    throw error;
  }
  const tokens = await tokenRequests;
  log(`${tokens.size} candidate tokens (${since()})`);
  const processes: Record<'kafka' | 'ferretdb', KillableProcess> = { kafka: infrastructure.kafka, ferretdb: infrastructure.ferretdb };
  return {
    run,
    infrastructure,
    realm,
    identities: [...tokens].map(([candidate, token]) => ({ candidate, token })),
    instances,
    intakeUrl: () => running.get('intake')?.url() ?? '',
    async crash(component, downMs) {
      if (component === 'kafka' || component === 'ferretdb') {
        await processes[component].kill();
        await new Promise((r) => setTimeout(r, downMs));
        await processes[component].start();
        return;
      }
      const group = running.get(component);
      const service = group?.running[0];
      if (!group || !service) throw new Error(`${component} is not running`);
      const port = Number(new URL(service.url).port);
      group.markDown(0);
      await service.stop('SIGKILL');
      await new Promise((r) => setTimeout(r, downMs));
      group.replace(0, await start(component, 0, port));
    },
    close,
  };
}

export interface FaultsReport {
  sent: number;
  accepted: number;
  /** 503 answers carrying Retry-After. */
  refused: number;
  /** Accepted requests missing their case, their request-submitted event, their proposals or a stakeholder event. */
  lost: number;
  /** Effects that happened twice: a second case, a second distinct event for one request and one step. */
  /** Accepted requests with an event still missing while the services' consumers had not caught up at the deadline. */
  pending: number;
  duplicates: number;
  kills: number;
  /** 500s, 503s without Retry-After, and answers that never came (a hang). */
  unexpected: number;
  /** Connection refusals while the intake process was down (no server to answer at all). */
  unreachable: number;
  /** The same event (same id) read twice: allowed at-least-once delivery, without effect. */
  redeliveries: number;
  /** Requests the client gave up on. */
  abandoned: number;
  problems: string[];
}

const requestSubmitted = 'fr.sante.guichet.intake.request-submitted.v1';
const proposalsComputed = 'fr.sante.guichet.matching.proposals-computed.v1';
const statusChanged = 'fr.sante.guichet.intake.request-status-changed.v1';
const families = Object.keys(stakeholderTopics) as (keyof typeof stakeholderTopics)[];
const stakeholderSubmitted = (family: string) => `fr.sante.guichet.stakeholder.${family}.request-submitted.v1`;

interface Observed {
  ids: Set<string>;
  records: number;
}

function index(records: readonly StakeholderRecord[]): Map<string, Observed> {
  const seen = new Map<string, Observed>();
  for (const record of records) {
    const step = record.type === statusChanged ? `${record.type}>${String(record.data.to)}` : record.type;
    const key = `${record.topic}|${record.key ?? ''}|${step}`;
    const entry = seen.get(key) ?? { ids: new Set<string>(), records: 0 };
    entry.ids.add(record.id ?? '');
    entry.records += 1;
    seen.set(key, entry);
  }
  return seen;
}

/** What every accepted request must have left behind, one distinct event each. */
function expectedSteps(requestId: string): string[] {
  return [
    `${topics.intakeRequests}|${requestId}|${requestSubmitted}`,
    `${topics.intakeRequests}|${requestId}|${statusChanged}>proposals_ready`,
    // Computed once: no offer is published during a run, so nothing else recomputes a request's proposals.
    `${topics.matchingProposals}|${requestId}|${proposalsComputed}`,
    ...families.map((family) => `${stakeholderTopics[family]}|${requestId}|${stakeholderSubmitted(family)}`),
  ];
}

/** Events the services' consumer groups have not consumed yet, over every topic they read. */
async function consumerBacklog(brokers: string): Promise<number> {
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'faults-verify', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    // The read-model groups of matching and the catalogue groups of notifications are per instance and
    // start: a killed instance's group is never consumed again. Every other group counts even without
    // members at this instant, as while it rebalances.
    const owned = groups.map((g) => g.groupId).filter((id) => !id.startsWith('e2e-partner') && !id.includes('read-model-') && !id.includes('-catalogue-'));
    let behind = 0;
    for (const groupId of owned) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const high = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        for (const { partition, offset } of partitions) behind += Math.max(0, (high.get(partition) ?? 0) - Math.max(0, Number(offset)));
      }
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}

/** The records with intake's sealed data opened with each case's key, from the run's key vault (as the services read them). */
async function opened(desk: Desk, records: readonly StakeholderRecord[]): Promise<StakeholderRecord[]> {
  const mongo = await connectMongo({ uri: desk.infrastructure.mongodbUri, dbName: 'faults_keys' });
  try {
    const keys = openKeyVault(mongo.client);
    return await Promise.all(records.map(async (record) => {
      const open = await openIfSealed(record.data, (id) => keys.find(id));
      return open === undefined ? record : { ...record, data: open.data as StakeholderRecord['data'] };
    }));
  } finally {
    await mongo.close();
  }
}

async function casesOf(intakeUrl: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await fetch(`${intakeUrl}/v1/requests?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET /v1/requests answered ${res.status}`);
    const page = (await res.json()) as { items: { id: string }[]; page: { nextCursor?: string } };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.page.nextCursor;
  } while (cursor);
  return ids;
}

export async function verify(desk: Desk, outcomes: readonly RequestOutcome[], kills: number, settleMs: number, log: (line: string) => void): Promise<FaultsReport> {
  const problems: string[] = [];
  const accepted = outcomes.filter((o) => o.accepted && o.requestId !== undefined);
  const reader = await startKafkaPartner([topics.intakeRequests, topics.matchingProposals, ...Object.values(stakeholderTopics)], {
    brokers: [desk.infrastructure.brokers],
    fromBeginning: true,
  });
  const complete = () => {
    const seen = index(reader.records);
    return accepted.every((o) => expectedSteps(o.requestId as string).every((step) => seen.has(step)));
  };
  const deadline = Date.now() + settleMs;
  let backlog = await consumerBacklog(desk.infrastructure.brokers);
  // Progress is new events read or the services' backlog moving: a service working through a
  // long batch commits late, and then only its backlog says it is alive.
  let mark = '';
  let quietSince = Date.now();
  while (Date.now() < deadline && !complete()) {
    const now = `${reader.records.length}/${backlog}`;
    if (now !== mark) {
      mark = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > 120_000) break;
    await new Promise((r) => setTimeout(r, 2000));
    backlog = await consumerBacklog(desk.infrastructure.brokers);
    // Everything consumed and nothing new for a while: what is missing now will not come.
    if (backlog === 0 && Date.now() - quietSince > 15_000) break;
  }
  // Late duplicates would arrive after the expected events: give them a moment.
  await new Promise((r) => setTimeout(r, 5000));
  backlog = await consumerBacklog(desk.infrastructure.brokers);
  await reader.stop();
  const seen = index(await opened(desk, reader.records));
  log(`read ${reader.records.length} events from the run's broker; services' consumers still ${backlog} events behind`);

  let lost = 0;
  let pending = 0;
  let duplicates = 0;
  for (const outcome of accepted) {
    const requestId = outcome.requestId as string;
    let missing = false;
    for (const step of expectedSteps(requestId)) {
      const entry = seen.get(step);
      if (!entry) {
        missing = true;
        problems.push(`missing ${step}`);
      } else if (entry.ids.size > 1) {
        duplicates += entry.ids.size - 1;
        problems.push(`${entry.ids.size} distinct events for ${step}`);
      }
    }
    // Still in a consumer's backlog is late, not lost; with every event consumed, missing is lost.
    if (missing && backlog > 0) pending += 1;
    else if (missing) lost += 1;
  }
  let redeliveries = 0;
  for (const entry of seen.values()) redeliveries += entry.records - entry.ids.size;

  // Each accepted request exists once in its candidate's list, and no request exists that the client did not create.
  const byCandidate = new Map<string, RequestOutcome[]>();
  for (const outcome of outcomes) byCandidate.set(outcome.candidate, [...(byCandidate.get(outcome.candidate) ?? []), outcome]);
  const tokenOf = new Map(desk.identities.map((i) => [i.candidate, i.token]));
  for (const [candidate, mine] of byCandidate) {
    const listed = await casesOf(desk.intakeUrl(), tokenOf.get(candidate) ?? '');
    const known = new Set(mine.map((o) => o.requestId).filter((id): id is string => id !== undefined));
    for (const o of mine.filter((m) => m.accepted && m.requestId !== undefined)) {
      const times = listed.filter((id) => id === o.requestId).length;
      if (times === 0) {
        lost += 1;
        problems.push(`request ${o.requestId} of ${candidate} answered 2xx but not found`);
      }
      if (times > 1) duplicates += times - 1;
    }
    const strangers = listed.filter((id) => !known.has(id));
    if (strangers.length > 0) {
      duplicates += strangers.length;
      problems.push(`${candidate} has ${strangers.length} request(s) the client never got an answer for`);
    }
  }

  // What the client went through for each request it gave up on, first in the list: the answers' times match the services' logs.
  const describe = (a: RequestOutcome['answers'][number]) => `${new Date(a.at).toISOString().slice(11, 23)} ${a.step} ${a.kind === 'http' ? a.status : a.kind}`;
  for (const o of outcomes.filter((outcome) => !outcome.accepted).reverse()) {
    const steps = o.answers.map(describe);
    const shown = steps.length > 12 ? [...steps.slice(0, 8), `… ${steps.length - 10} more …`, ...steps.slice(-2)] : steps;
    problems.unshift(`request ${o.requestId ?? '(no draft)'} of ${o.candidate} given up: ${shown.join(', ')}`);
  }

  const answers = outcomes.flatMap((o) => o.answers);
  const refused = answers.filter((a) => a.kind === 'http' && a.status === 503 && a.retryAfter !== null).length;
  const unexpectedAnswers = answers.filter((a) => a.kind === 'timeout' || (a.kind === 'http' && a.status >= 500 && !(a.status === 503 && a.retryAfter !== null)));
  for (const a of unexpectedAnswers.slice(0, 10)) problems.push(`unexpected answer: ${JSON.stringify(a)}`);
  const clientErrors = answers.filter((a) => a.kind === 'http' && a.status >= 400 && a.status < 500 && a.status !== 409 && a.status !== 412);
  for (const a of clientErrors.slice(0, 10)) problems.push(`client error: ${JSON.stringify(a)}`);
  return {
    sent: outcomes.length,
    accepted: accepted.length,
    refused,
    lost,
    pending,
    duplicates,
    kills,
    unexpected: unexpectedAnswers.length,
    unreachable: answers.filter((a) => a.kind === 'unreachable').length,
    redeliveries,
    abandoned: outcomes.filter((o) => !o.accepted).length,
    problems,
  };
}

export interface FaultsOptions {
  keycloakUrl: string;
  requests: number;
  /** Candidate identities submitting side by side. */
  candidates: number;
  /** Instances of each service; one of each is killed. */
  instances?: number;
  components: readonly Component[];
  downMs: number;
  /** Milliseconds between two request starts (0: as fast as the candidates go), so that a small load still spans every outage. */
  intervalMs?: number;
  log(line: string): void;
}

/**
 * Submits the requests while killing each component in turn, spread over the load: component k
 * goes down once k/(K+1) of the requests are done, and comes back before the next one goes.
 */
export async function runFaults(options: FaultsOptions): Promise<FaultsReport> {
  const { log } = options;
  const desk = await openDesk({ keycloakUrl: options.keycloakUrl, candidates: options.candidates, ...(options.instances === undefined ? {} : { instances: options.instances }), log });
  let report: FaultsReport | undefined;
  try {
    const progress: LoadProgress = { done: 0 };
    let kills = 0;
    let loadOver = false;
    const began = Date.now();
    const faults = (async () => {
      for (const [k, component] of options.components.entries()) {
        const threshold = Math.floor(((k + 1) * options.requests) / (options.components.length + 1));
        while (progress.done < threshold && !loadOver) await new Promise((r) => setTimeout(r, 200));
        const at = Date.now();
        const done = progress.done;
        // The database stays down longer than the driver waits for a server (5 s): requests must then be refused, not hang.
        await desk.crash(component, component === 'ferretdb' ? Math.max(options.downMs, 10_000) : options.downMs);
        kills += 1;
        log(`kill -9 ${component} after ${done} requests; back and ready after ${((Date.now() - at) / 1000).toFixed(1)} s`);
      }
    })();
    const load = runLoad({ intakeUrl: desk.intakeUrl, run: desk.run, requestDeadlineMs: 300_000, httpTimeoutMs: 60_000 }, options.requests, desk.identities, progress, { intervalMs: options.intervalMs ?? 0 });
    const outcomes = await load;
    loadOver = true;
    await faults;
    log(`load over: ${outcomes.length} requests in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    // Notifications may still be working through its backlog: wait while it makes progress.
    report = await verify(desk, outcomes, kills, Math.max(300_000, options.requests * 3000), log);
    return report;
  } finally {
    const failed = report === undefined || report.lost + report.pending + report.duplicates + report.unexpected + report.abandoned > 0;
    if (failed) log(`kept for a post-mortem: the run's Kafka and FerretDB files in ${desk.infrastructure.runDir}, the services' logs in test-artifacts/e2e/faults-${desk.run}-*.log`);
    await desk.close({ keepData: failed });
  }
}
