#!/usr/bin/env node
// `npm start`: everything a newcomer needs on a fresh clone, in one command. Plain Node (no
// dependency) because it runs before `npm install` has installed anything, on the machine's Node,
// and then hands over to Node 24 (infra/local/node-runtime.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoEnvironment } from '../infra/keycloak/demo-realm.mjs';
import { jaeger, traceViewerOtlpEndpoint, traceViewerProvisioned } from '../infra/local/components/jaeger.mjs';
import { describe, linkForNpmScripts, runOnProjectNode } from '../infra/local/node-runtime.mjs';
import { demoAccountLines } from './demo-accounts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runDir = join(root, '.cache', 'run', 'services');
// Loaded before each entry: the hooks through which OpenTelemetry instruments HTTP, Express and MongoDB.
const instrumentation = '@guichet/platform/instrumentation';

const kinds = [
  { name: 'intake', port: 3001, db: 'guichet_intake' },
  { name: 'matching', port: 3002, db: 'guichet_matching' },
  { name: 'notifications', port: 3003, db: 'guichet_notifications' },
];

/**
 * INSTANCES=N starts N instances of each service on the same databases and Kafka topics (their
 * consumer groups share the partitions, their outbox sweeps share what a stopped one left): the
 * first one on the service's port, the next ones 10 ports further each (3011, 3021…).
 */
function instanceCount() {
  const raw = process.env.INSTANCES ?? '1';
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 9) throw new Error(`INSTANCES=${raw} : un entier de 1 à 9 est attendu.`);
  return count;
}

const services = Array.from({ length: instanceCount() }, (_, index) =>
  kinds.map((kind) => ({ ...kind, kindName: kind.name, name: index === 0 ? kind.name : `${kind.name}-${index + 1}`, instanceId: `${kind.name}-${index + 1}`, port: kind.port + 10 * index })),
).flat();

const children = new Map();

function stopChildren() {
  for (const child of children.values()) child.kill('SIGTERM');
}

function step(title) {
  process.stdout.write(`\n▶ ${title}\n`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} a échoué (code ${result.status ?? result.signal}).`);
}

function installIfNeeded() {
  const modules = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(modules) && statSync(modules).mtimeMs >= statSync(lock).mtimeMs) return;
  step('Installation des dépendances npm');
  // `npm install`, not `npm ci`: see scripts/test.mjs (npm 11 and other platforms' optional binaries).
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function endpoints() {
  const file = join(root, '.cache', 'run', 'endpoints.json');
  const fromFile = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? fromFile.KAFKA_BROKERS,
    MONGODB_URI: process.env.MONGODB_URI ?? fromFile.MONGODB_URI,
    KEYCLOAK_URL: process.env.KEYCLOAK_URL ?? fromFile.KEYCLOAK_URL,
    MAIL_INBOX_URL: process.env.MAIL_INBOX_URL ?? fromFile.MAIL_INBOX_URL,
    SMTP_URL: process.env.MAIL_SMTP_URL ?? fromFile.MAIL_SMTP_URL,
    // Once `npm run observe` has built the trace viewer, spans go to it (dropped while it is stopped).
    OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? (traceViewerProvisioned() ? traceViewerOtlpEndpoint : undefined),
    // The stack's broker authenticates (SASL): each service then connects as its own Keycloak client.
    kafkaSasl: process.env.KAFKA_BROKERS === undefined && fromFile.KAFKA_SASL_MECHANISM !== undefined,
  };
}

/** A service's own Kafka principal (svc-<name>, OAUTHBEARER), with the demo realm's secret: its ACLs apply. */
function kafkaPrincipal(service) {
  const secret = demoEnvironment()[`SVC_${service.name.toUpperCase()}_KAFKA_SECRET`];
  return { KAFKA_SASL_MECHANISM: 'OAUTHBEARER', KAFKA_CLIENT_ID: `svc-${service.name}`, KAFKA_CLIENT_SECRET: secret };
}

async function waitForUrl(url, child, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} : le processus s'est arrêté ; voir ${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} ne répond pas après ${timeoutMs / 1000} s ; voir ${log}`);
}

function waitReady(service, children) {
  return waitForUrl(`http://127.0.0.1:${service.port}/health/ready`, children.get(service.name), logOf(service), 180_000);
}

function logOf(service) {
  return join(runDir, `${service.name}.log`);
}

/**
 * The local key of the webhook signing secrets at rest, generated once per clone in .cache/run
 * (never committed): the secrets sealed by one `npm start` open at the next.
 */
function localWebhookSecretsKey() {
  const file = join(root, '.cache', 'run', 'webhook-secrets.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function startService(service, env, kafkaSasl) {
  mkdirSync(runDir, { recursive: true });
  const out = openSync(logOf(service), 'a');
  return spawn(join(root, 'node_modules', '.bin', 'tsx'), ['--import', instrumentation, join('services', service.kindName, 'src', 'main.ts')], {
    cwd: root,
    // TRUST_PROXY: the portal's proxy, on this machine, says who the visitor is (X-Forwarded-For), so
    // the public simulation's rate limit counts per visitor, not for the proxy as a whole.
    env: {
      DEMO_ZONING_REGIONS: '24',
      TRUST_PROXY: 'loopback',
      ...process.env,
      ...env,
      ...(kafkaSasl ? kafkaPrincipal({ name: service.kindName }) : {}),
      SERVICE_NAME: service.kindName,
      INSTANCE_ID: service.instanceId,
      PORT: String(service.port),
      // Prometheus metrics on loopback, apart from the port the portal's proxy reaches: 9101, 9102, 9103…
      METRICS_PORT: String(service.port + 6100),
      MONGODB_DB: service.db,
    },
    stdio: ['ignore', out, out],
  });
}

async function main() {
  const node = await runOnProjectNode();
  console.log(describe(node));
  installIfNeeded();
  linkForNpmScripts(node);
  step('Démarrage de Kafka, du serveur MongoDB-wire, de Keycloak et de la boîte mail de démonstration');
  run(process.execPath, [join(root, 'infra', 'local', 'stack.mjs'), 'up']);
  const { kafkaSasl, ...env } = endpoints();

  step('Démarrage des services');
  const webhookSecretsKey = process.env.WEBHOOK_SECRETS_KEY ?? localWebhookSecretsKey();
  // Notifications reads the partner clients' state with the demo realm's directory client.
  const partnerDirectory = { PARTNER_DIRECTORY_CLIENT_SECRET: demoEnvironment().PARTNER_DIRECTORY_SECRET };
  for (const s of services) children.set(s.name, startService(s, { ...env, WEBHOOK_SECRETS_KEY: webhookSecretsKey, ...partnerDirectory }, kafkaSasl));
  process.on('SIGINT', () => { stopChildren(); process.exit(0); });
  process.on('SIGTERM', () => { stopChildren(); process.exit(0); });
  await Promise.all(services.map((s) => waitReady(s, children)));

  step('Construction et service du portail (http://127.0.0.1:5173)');
  const portalLog = openSync(join(runDir, 'portal.log'), 'a');
  const portal = spawn(process.execPath, [join(root, 'apps', 'portal', 'scripts', 'serve.mjs')], {
    cwd: root,
    env: { ...process.env, INTAKE_URL: 'http://127.0.0.1:3001', MATCHING_URL: 'http://127.0.0.1:3002' },
    stdio: ['ignore', portalLog, portalLog],
  });
  children.set('portal', portal);
  await waitForUrl('http://127.0.0.1:5173/', portal, join(runDir, 'portal.log'), 240_000);

  const seed = join(root, 'scripts', 'seed-demo.ts');
  if (existsSync(seed)) {
    step('Chargement des données de démonstration (idempotent)');
    run(join(root, 'node_modules', '.bin', 'tsx'), [seed], { env: { ...process.env, ...env } });
  }

  const realm = `${env.KEYCLOAK_URL}/realms/guichet`;
  console.log(`
✔ Le guichet est prêt.

  Portail        http://127.0.0.1:5173   (formulaire candidat, tableau de bord, simulation des aides)
${services.map((s) => `  ${s.name.padEnd(15)}http://127.0.0.1:${s.port}`).join('\n')}   (santé : /health/ready ; le portail passe par la première instance)
  Métriques      ${services.map((s) => `http://127.0.0.1:${s.port + 6100}/metrics`).join(' ')}   (Prometheus, depuis cette machine seulement)
  Keycloak       ${env.KEYCLOAK_URL}/admin  (admin / admin) — realm ${realm}
  Traces         ${env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${jaeger.endpoint}   (Jaeger, démarré par \`npm run observe\` ; spans envoyés à ${env.OTEL_EXPORTER_OTLP_ENDPOINT})` : '`npm run observe` construit et démarre un visualiseur de traces (Jaeger)'}
  Boîte mail     ${env.MAIL_INBOX_URL}   (les e-mails envoyés aux candidats, via ${env.SMTP_URL})
  Kafka          ${env.KAFKA_BROKERS}
  MongoDB-wire   ${env.MONGODB_URI}
  Journaux       ${runDir}

  Comptes de démonstration (mot de passe « demo ») :
${demoAccountLines().map((line) => `    ${line}`).join('\n')}

  Ctrl-C arrête les services et le portail ; \`npm run stack:down\` arrête Kafka, FerretDB, Keycloak, Mailpit et Jaeger s’il tourne.
`);
}

main().catch((error) => {
  console.error(`✗ ${error.message}`);
  stopChildren();
  process.exit(1);
});
