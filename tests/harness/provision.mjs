// Provides the real Kafka, MongoDB-wire server and Keycloak for a test run, in this order:
//   1. endpoints given in the environment (KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL): only checked;
//   2. testcontainers, when a Docker engine answers: containers for the missing ones;
//   3. the native local stack (infra/local/stack.mjs): reused if it runs, started otherwise.
// Whatever this run started is stopped by the returned `stop`, and nothing else.
import { ensureTopics } from '../../infra/local/kafka-topics.mjs';
import { components, down, up, StackError } from '../../infra/local/stack.mjs';

const images = {
  // Confluent Platform 7.9 is Apache Kafka 3.9, the line pinned natively (see infra/README.md).
  kafka: 'confluentinc/cp-kafka:7.9.0',
  ferretdb: 'mongo:7.0',
  keycloak: 'quay.io/keycloak/keycloak:26.4.5',
  mailpit: 'axllent/mailpit:v1.33.1',
};

async function dockerEngineAnswers(timeoutMs) {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = getContainerRuntimeClient().then(() => true, () => false);
    const answer = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    return answer;
  } catch {
    return false;
  }
}

const containerStarters = {
  async kafka() {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer(images.kafka)
      .withKraft()
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
      .start();
    const brokers = `${container.getHost()}:${container.getMappedPort(9093)}`;
    await ensureTopics(brokers);
    return { container, value: brokers };
  },
  async ferretdb() {
    const { MongoDBContainer } = await import('@testcontainers/mongodb');
    const container = await new MongoDBContainer(images.ferretdb).start();
    // The replica set advertises the container's own address: connect to the mapped port only.
    return { container, value: `${container.getConnectionString()}/?directConnection=true` };
  },
  async keycloak() {
    const { GenericContainer, Wait } = await import('testcontainers');
    const { demoEnvironment, demoRealm } = await import('../../infra/keycloak/demo-realm.mjs');
    const container = await new GenericContainer(images.keycloak)
      .withCopyContentToContainer([{ content: JSON.stringify(demoRealm()), target: '/opt/keycloak/data/import/realm-guichet.json' }])
      .withEnvironment({ ...demoEnvironment(), KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin' })
      // Concurrent logins of one demo user from parallel suites: see infra/local/components/keycloak.mjs.
      .withCommand(['start-dev', '--import-realm', '--http-port=8080', '--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true'])
      .withExposedPorts(8080)
      .withWaitStrategy(Wait.forHttp('/realms/guichet/.well-known/openid-configuration', 8080).forStatusCode(200))
      .withStartupTimeout(300_000)
      .start();
    return { container, value: `http://${container.getHost()}:${container.getMappedPort(8080)}` };
  },
  async mailpit() {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(images.mailpit)
      .withExposedPorts(8025, 1025)
      .withCommand(['--disable-version-check'])
      .withWaitStrategy(Wait.forHttp('/api/v1/info', 8025).forStatusCode(200))
      .start();
    return {
      container,
      value: `http://${container.getHost()}:${container.getMappedPort(8025)}`,
      companions: { MAIL_SMTP_URL: `smtp://${container.getHost()}:${container.getMappedPort(1025)}` },
    };
  },
};

async function withTestcontainers(missing, env, log) {
  log(`Docker engine found: starting containers for ${missing.map((component) => component.name).join(', ')}`);
  const started = [];
  const settled = await Promise.allSettled(
    missing.map(async (component) => {
      const { container, value, companions } = await containerStarters[component.name]();
      started.push(container);
      env[component.envVar] = value;
      Object.assign(env, companions);
      log(`${component.name.padEnd(9)}ready  ${value}  (container ${images[component.name]})`);
    }),
  );
  const stop = async () => {
    await Promise.allSettled(started.map((container) => container.stop()));
  };
  const failures = settled.filter((outcome) => outcome.status === 'rejected');
  if (failures.length > 0) {
    await stop();
    throw new StackError(failures.map((failure) => `testcontainers: ${failure.reason?.message ?? failure.reason}`).join('\n'));
  }
  return { mode: 'testcontainers', env, stop };
}

async function withNativeStack(env, log) {
  const { results, errors } = await up(undefined, { log });
  const startedHere = Object.entries(results).filter(([, result]) => result.started).map(([name]) => name);
  const stop = async () => {
    if (startedHere.length > 0) await down(startedHere, { log });
  };
  if (errors.length > 0) {
    await stop();
    throw new StackError(errors.map((error) => error.message).join('\n'));
  }
  for (const component of components) Object.assign(env, { [component.envVar]: results[component.name].endpoint }, component.companionEnv?.());
  return { mode: startedHere.length > 0 ? `native (started ${startedHere.join(', ')})` : 'native (already running)', env, stop };
}

/**
 * @returns {Promise<{ mode: string, env: Record<string, string>, stop: () => Promise<void> }>}
 *   env holds KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL, MAIL_INBOX_URL and MAIL_SMTP_URL for the test processes.
 */
export async function provisionForTests({ log = console.log, dockerProbeTimeoutMs = 5000 } = {}) {
  const env = {};
  for (const component of components) {
    if (process.env[component.envVar]) env[component.envVar] = process.env[component.envVar];
  }
  const missing = components.filter((component) => !process.env[component.envVar]);
  if (missing.length > 0 && (await dockerEngineAnswers(dockerProbeTimeoutMs))) {
    const given = components.filter((component) => process.env[component.envVar]).map((component) => component.name);
    if (given.length > 0) {
      const { errors } = await up(given, { log });
      if (errors.length > 0) throw new StackError(errors.map((error) => error.message).join('\n'));
    }
    return withTestcontainers(missing, env, log);
  }
  // Also covers "everything given in the environment": `up` then only checks those servers and
  // creates the declared topics on the given broker.
  return withNativeStack(env, log);
}
