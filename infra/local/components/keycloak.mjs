import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLogged } from '../lib/commands.mjs';
import { requireJava } from '../lib/java.mjs';
import { mavenCopyDependencies } from '../lib/maven.mjs';
import { cacheDir, componentRunDir, localDir } from '../lib/paths.mjs';
import { fetchJson } from '../lib/probes.mjs';
import { StackError } from '../lib/stack-error.mjs';
import { demoEnvironment, demoRealm, resolvePlaceholders } from '../../keycloak/demo-realm.mjs';
import { realmAdditions } from '../lib/realm-changes.mjs';
import { installTheme, themeHash, themeName } from '../lib/keycloak-theme.mjs';

const version = '26.4.5';
const port = 18080;
const realm = 'guichet';
const endpoint = `http://127.0.0.1:${port}`;
const keycloakDir = path.join(cacheDir, 'keycloak');
const distDir = path.join(keycloakDir, `keycloak-${version}`);
const completeMarker = path.join(distDir, '.complete');
const runDir = componentRunDir('keycloak');
const provisionLog = path.join(runDir, 'provision.log');
// Hash of the demo realm (production realm + demo import) the running (or last started) server imported.
const importedRealmHash = path.join(runDir, 'realm.sha256');
// That realm itself, with the demo values of its placeholders: what a change is compared with.
const importedRealmFile = path.join(runDir, 'realm-imported.json');
// Hash of the login theme's sources the running server started with: start-dev keeps the templates
// it has rendered, so a changed theme shows only after a restart.
const startedThemeHash = path.join(runDir, 'theme.sha256');

const realmImport = () => `${JSON.stringify(demoRealm(), null, 2)}\n`;

function realmHash() {
  return createHash('sha256').update(realmImport()).update(JSON.stringify(demoEnvironment())).digest('hex');
}

const importedNow = () => resolvePlaceholders(demoRealm(), demoEnvironment());
async function adminToken() {
  const response = await fetch(`${endpoint}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin',
      password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin',
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.json().catch(() => ({}));
  return response.ok && typeof body.access_token === 'string' ? body.access_token : undefined;
}

/**
 * Applies to the running server a realm change that only adds clients or users, by a partial
 * import that skips what exists: the realm, its keys and every session stay, so the broker's
 * token validation and the services of others go on. Anything else needs the restart.
 */
async function applyAdditions() {
  if (!existsSync(importedRealmFile)) return false;
  const additions = realmAdditions(JSON.parse(readFileSync(importedRealmFile, 'utf8')), importedNow());
  if (additions === undefined) return false;
  const token = await adminToken();
  if (token === undefined) return false;
  const response = await fetch(`${endpoint}/admin/realms/${realm}/partialImport`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ifResourceExists: 'SKIP', ...additions }),
    signal: AbortSignal.timeout(30_000),
  });
  return response.ok;
}

function recordImported() {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(importedRealmHash, `${realmHash()}\n`);
  writeFileSync(importedRealmFile, `${JSON.stringify(importedNow(), null, 2)}\n`);
}

async function unzip(zip, into) {
  const options = { cwd: into, logFile: provisionLog, timeoutMs: 10 * 60_000, what: 'keycloak: unpacking the distribution' };
  try {
    await runLogged('unzip', ['-q', zip], options);
  } catch (error) {
    if (!/not found/.test(error.message)) throw error;
    await runLogged('jar', ['xf', zip], { ...options, missingHint: 'install unzip or a JDK' });
  }
}

export const keycloak = {
  name: 'keycloak',
  aliases: [],
  title: `Keycloak ${version} (start-dev)`,
  envVar: 'KEYCLOAK_URL',
  endpoint,
  ports: [port],
  startTimeoutMs: 300_000,
  logFile: path.join(runDir, 'keycloak.log'),

  async probe(url) {
    const base = url.replace(/\/+$/, '');
    const configuration = await fetchJson(`${base}/realms/${realm}/.well-known/openid-configuration`);
    return typeof configuration?.issuer === 'string' && configuration.issuer.endsWith(`/realms/${realm}`);
  },

  /**
   * A running server that imported an older realm file gets the clients and users added since
   * without a restart; any other change restarts it with a fresh import.
   */
  async needsRestart() {
    // A restart, not a new import: the realm and its data stay.
    if (existsSync(startedThemeHash) && readFileSync(startedThemeHash, 'utf8').trim() !== themeHash()) return true;
    if (!existsSync(importedRealmHash) || readFileSync(importedRealmHash, 'utf8').trim() === realmHash()) return false;
    if (!(await applyAdditions())) return true;
    recordImported();
    return false;
  },

  async provision() {
    await requireJava('keycloak', 17);
    if (existsSync(completeMarker)) return false;
    const downloadDir = path.join(keycloakDir, 'download');
    await mavenCopyDependencies({
      pom: path.join(localDir, 'keycloak', 'pom.xml'),
      outputDirectory: downloadDir,
      logFile: provisionLog,
      what: `keycloak: download of keycloak-quarkus-dist ${version} from Maven Central`,
    });
    const zip = path.join(downloadDir, `keycloak-quarkus-dist-${version}.zip`);
    if (!existsSync(zip)) throw new StackError(`keycloak: ${zip} missing after download (see ${path.relative(process.cwd(), provisionLog)})`);
    const staging = path.join(keycloakDir, 'unpack');
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await unzip(zip, staging);
    const unpacked = readdirSync(staging).find((entry) => entry.startsWith('keycloak-'));
    if (!unpacked) throw new StackError(`keycloak: unexpected archive layout in ${zip}`);
    rmSync(distDir, { recursive: true, force: true });
    renameSync(path.join(staging, unpacked), distDir);
    rmSync(staging, { recursive: true, force: true });
    // The zip is only needed once; ~/.m2 keeps its own copy.
    rmSync(downloadDir, { recursive: true, force: true });
    writeFileSync(completeMarker, `${version}\n`);
    return true;
  },

  /** A server started before the theme existed gets it here: it has rendered none of its templates yet. */
  async afterReady(url) {
    if (url !== endpoint) return '';
    return (await installTheme(distDir, { logFile: provisionLog })) ? `login theme ${themeName} installed` : '';
  },

  async launchSpec() {
    await installTheme(distDir, { logFile: provisionLog });
    mkdirSync(runDir, { recursive: true });
    writeFileSync(startedThemeHash, `${themeHash()}\n`);
    const hash = realmHash();
    const previous = existsSync(importedRealmHash) ? readFileSync(importedRealmHash, 'utf8').trim() : null;
    if (previous !== hash) {
      // Import skips a realm that already exists: a changed realm file needs an empty dev database.
      rmSync(path.join(distDir, 'data', 'h2'), { recursive: true, force: true });
    }
    const importDir = path.join(distDir, 'data', 'import');
    mkdirSync(importDir, { recursive: true });
    writeFileSync(path.join(importDir, 'realm-guichet.json'), realmImport());
    recordImported();
    return {
      command: path.join(distDir, 'bin', 'kc.sh'),
      args: [
        'start-dev',
        `--http-port=${port}`,
        '--http-host=127.0.0.1',
        // A fixed hostname keeps the token issuer identical whichever loopback name a client uses.
        `--hostname=${endpoint}`,
        '--import-realm',
        // With brute-force detection on, Keycloak refuses a user's concurrent logins as an attack
        // (the account reads as temporarily disabled with no failure logged); the tests log the same
        // demo users in from parallel suites. A deployment keeps Keycloak's default.
        '--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true',
      ],
      cwd: distDir,
      env: {
        ...process.env,
        // The demo values of the realm's `${NAME}` placeholders, resolved by Keycloak at import.
        ...demoEnvironment(),
        KC_BOOTSTRAP_ADMIN_USERNAME: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin',
        JAVA_OPTS_KC_HEAP: process.env.JAVA_OPTS_KC_HEAP ?? '-Xms64m -Xmx512m',
      },
    };
  },
};
