import { BlockList, isIP } from 'node:net';

/** The variable that selects production mode; anything but `production` is a demo or test start. */
export const MODE_VARIABLE = 'GUICHET_ENV';

type Env = Readonly<Record<string, string | undefined>>;

/** One demo default found in a production start: the setting it is read from, and why it is refused. */
export interface Refusal {
  readonly setting: string;
  readonly reason: string;
}

/** Secrets shipped with the demo realm and the local stack: known to anyone who read this repository. */
export const DEMO_SECRETS: readonly string[] = ['partner-secret', 'service-secret', 'directory-secret', 'admin', 'demo'];
/** Clients of the demo realm that exist for tests (password grants, wrong audience). */
export const TEST_CLIENTS: readonly string[] = ['guichet-test', 'other-app'];

// Networks that are not the public internet and that an allowed range must not open in production.
const PRIVATE_RANGES: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['::', 127, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
];

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';
const listOf = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');

function opensPrivateNetwork(cidr: string): boolean {
  const [network = '', prefixText = ''] = cidr.split('/');
  const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
  const prefix = Number(prefixText);
  if (!Number.isInteger(prefix) || prefix === 0) return true;
  const range = new BlockList();
  range.addSubnet(network, prefix, family);
  return PRIVATE_RANGES.some(([privateNetwork, privatePrefix, privateFamily]) => {
    if (privateFamily !== family) return false;
    const known = new BlockList();
    known.addSubnet(privateNetwork, privatePrefix, privateFamily);
    // Two ranges overlap exactly when one holds the other's first address.
    return known.check(network, family) || range.check(privateNetwork, family);
  });
}

function urlOf(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const isLoopbackHost = (host: string): boolean => host === 'localhost' || host.startsWith('127.') || host === '[::1]';

interface Rule {
  readonly setting: string;
  refuse(env: Env): string | undefined;
}

/** Every demo default a production start refuses, one rule per setting, in the order they are reported. */
export const PRODUCTION_RULES: readonly Rule[] = [
  {
    setting: 'DEMO_ZONING_REGIONS',
    refuse: (env) => (present(env['DEMO_ZONING_REGIONS']) ? 'sème un zonage de démonstration ; importer le zonage réel de la région (POST /reference/zoning)' : undefined),
  },
  {
    setting: 'DEMO_OFFERS',
    refuse: (env) => (env['DEMO_OFFERS'] === 'true' ? 'publie des offres de démonstration' : undefined),
  },
  {
    setting: 'DESK_REGIONS',
    refuse: (env) => (present(env['DESK_REGIONS']) ? undefined : 'absent : la région du guichet doit être dite, pas prise de la démonstration (24)'),
  },
  {
    setting: 'TOKEN_AUDIENCE',
    refuse: (env) => (TEST_CLIENTS.includes(env['TOKEN_AUDIENCE'] ?? '') ? `désigne un client de test (${env['TOKEN_AUDIENCE']})` : undefined),
  },
  {
    setting: 'PARTNER_FAMILIES',
    refuse: (env) => {
      const clients = listOf(env['PARTNER_FAMILIES']).map((pair) => pair.split(':')[0]?.trim() ?? '');
      const test = clients.filter((client) => TEST_CLIENTS.includes(client));
      return test.length > 0 ? `désigne un client de test (${test.join(', ')})` : undefined;
    },
  },
  {
    setting: 'KEYCLOAK_URL',
    refuse: (env) => {
      const url = urlOf(env['KEYCLOAK_URL'] ?? '');
      return url?.protocol === 'https:' ? undefined : 'n’est pas en https : l’émetteur des jetons et leurs clés (JWKS) doivent être lus en https';
    },
  },
  {
    setting: 'KAFKA_SASL_MECHANISM',
    refuse: (env) => {
      const mechanism = env['KAFKA_SASL_MECHANISM'] ?? '';
      if (mechanism === '') return 'absent : le broker Kafka doit authentifier chaque service (OAUTHBEARER avec un client Keycloak du service)';
      return mechanism === 'OAUTHBEARER' ? undefined : `vaut ${mechanism} : un service se présente au broker avec son jeton Keycloak (OAUTHBEARER), le compte SCRAM est celui de l’exploitation`;
    },
  },
  {
    setting: 'KAFKA_SSL',
    // SASL_PLAINTEXT would send the personal data of intake.requests.v1 and the partners' streams
    // in clear over the network, and an OAUTHBEARER token with them.
    refuse: (env) => (env['KAFKA_SSL'] === 'true' ? undefined : 'n’est pas true : le broker Kafka doit être joint en TLS (SASL_SSL), jamais en SASL_PLAINTEXT ni PLAINTEXT'),
  },
  {
    setting: 'PARTNER_DIRECTORY_CLIENT_SECRET',
    refuse: (env) =>
      present(env['PARTNER_DIRECTORY_CLIENT_SECRET'])
        ? undefined
        : 'absent : sans le client Keycloak qui lit l’état des clients partenaires (realm-management › view-clients), un partenaire désactivé continuerait de recevoir ses webhooks',
  },
  {
    setting: 'DATA_ENCRYPTION_KEY',
    refuse: (env) => (present(env['DATA_ENCRYPTION_KEY']) ? undefined : 'absente : les données personnelles doivent être chiffrées avec une clé propre au déploiement'),
  },
  {
    setting: 'MONGODB_URI',
    refuse: (env) => {
      const uri = env['MONGODB_URI'] ?? '';
      const credentials = /^mongodb(\+srv)?:\/\/[^/@]+:[^/@]+@/.test(uri) || /[?&]authMechanism=MONGODB-X509\b/.test(uri);
      return credentials ? undefined : 'sans identifiants : la base doit exiger une authentification';
    },
  },
  {
    setting: 'WEBHOOK_LOOPBACK_TEST_MODE',
    refuse: (env) => (env['WEBHOOK_LOOPBACK_TEST_MODE'] === 'true' ? 'mode de test : webhooks en http vers 127.0.0.1' : undefined),
  },
  {
    setting: 'WEBHOOK_ALLOWED_CIDRS',
    refuse: (env) => {
      const opened = listOf(env['WEBHOOK_ALLOWED_CIDRS']).filter(opensPrivateNetwork);
      return opened.length > 0 ? `ouvre aux webhooks un réseau privé ou tout l’internet (${opened.join(', ')})` : undefined;
    },
  },
  {
    setting: 'PORTAL_URL',
    refuse: (env) => (urlOf(env['PORTAL_URL'] ?? '')?.protocol === 'https:' ? undefined : 'absente ou pas en https : les courriels envoient les candidats vers le portail'),
  },
  {
    setting: 'SMTP_URL',
    refuse: (env) => {
      const url = urlOf(env['SMTP_URL'] ?? '');
      if (url === undefined || isLoopbackHost(url.hostname)) return 'absente ou locale : le relais de courriel de démonstration n’envoie rien';
      if (url.username === '' || url.password === '') return 'sans identifiants : le relais doit authentifier le guichet (smtps://utilisateur:mot-de-passe@hôte)';
      // Implicit TLS (smtps://) or STARTTLS made mandatory: the e-mails carry the candidates' names.
      const tls = url.protocol === 'smtps:' || url.searchParams.get('requireTLS') === 'true';
      return tls ? undefined : 'sans TLS : utiliser smtps:// ou ajouter ?requireTLS=true';
    },
  },
];

const SECRET_NAME = /(SECRET|PASSWORD|_KEY)$/;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^/@]*)@/i;

/** Known demo secrets, in a secret-named variable or as the password of a URL, whatever the service. */
function demoSecrets(env: Env): Refusal[] {
  return Object.entries(env).flatMap(([name, value]): Refusal[] => {
    if (value === undefined) return [];
    const secret = SECRET_NAME.test(name) ? value : decodeURIComponent(URL_WITH_PASSWORD.exec(value)?.[1] ?? '');
    return DEMO_SECRETS.includes(secret) ? [{ setting: name, reason: 'secret de démonstration connu' }] : [];
  });
}

export const isProduction = (env: Env): boolean => env[MODE_VARIABLE] === 'production';

/**
 * The demo defaults of a production start, for the settings a service declares (`settings`);
 * nothing when the start is not in production mode.
 */
export function productionRefusals(env: Env, settings: ReadonlySet<string>): Refusal[] {
  if (!isProduction(env)) return [];
  const byRule = PRODUCTION_RULES.filter((rule) => settings.has(rule.setting)).flatMap((rule) => {
    const reason = rule.refuse(env);
    return reason === undefined ? [] : [{ setting: rule.setting, reason }];
  });
  return [...byRule, ...demoSecrets(env).filter((secret) => !byRule.some((refusal) => refusal.setting === secret.setting))];
}

/** One line per refused setting, each naming the mode and the setting. */
export class ProductionRefused extends Error {
  constructor(readonly refusals: readonly Refusal[]) {
    super(refusals.map((r) => `${MODE_VARIABLE}=production : démarrage refusé, ${r.setting} ${r.reason}.`).join('\n'));
    this.name = 'ProductionRefused';
  }
}

/** Throws when a production start carries a demo default (demo scripts pass the one they would apply). */
export function refuseDemoDefaults(env: Env, settings: ReadonlySet<string>): void {
  const refusals = productionRefusals(env, settings);
  if (refusals.length > 0) throw new ProductionRefused(refusals);
}
