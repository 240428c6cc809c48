import { hostname } from 'node:os';
import { commonEnv, loadConfig } from '@guichet/platform';
import { z } from 'zod';
import { invalidCidrs } from './domain/url-guard.js';
import { isStakeholder, type Stakeholder } from './domain/stakeholders.js';

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''));

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `partner-ars:ars,partner-cpam:cpam` → which family each partner client speaks for. */
const partnerFamilies = list.transform((pairs, ctx) => {
  const families = new Map<string, Stakeholder>();
  for (const pair of pairs) {
    const [client = '', family = ''] = pair.split(':').map((part) => part.trim());
    if (client === '' || !isStakeholder(family)) ctx.addIssue({ code: 'custom', message: `« ${pair} » : client:famille attendu (famille ars, cpam, ordre ou collectivites)` });
    else families.set(client, family);
  }
  return families;
});

export const notificationsEnv = commonEnv.extend({
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'URL smtp:// ou smtps:// attendue').default('smtp://127.0.0.1:12525'),
  MAIL_FROM: z.string().min(3).default('Guichet Installation Santé <ne-pas-repondre@guichet-sante.example>'),
  MAIL_MESSAGE_ID_DOMAIN: z.string().min(3).default('guichet-sante.example'),
  PORTAL_URL: z.url().default('http://127.0.0.1:5173'),
  /** Test mode only: webhooks over plain http to 127.0.0.1 / ::1. */
  WEBHOOK_LOOPBACK_TEST_MODE: flag.default(false),
  /** Internal ranges deliberately opened to webhooks, e.g. `10.20.0.0/16`; none by default. */
  WEBHOOK_ALLOWED_CIDRS: list.refine((cidrs) => invalidCidrs(cidrs).length === 0, 'liste de blocs CIDR invalide').default([]),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  PARTNER_FAMILIES: partnerFamilies.default(new Map([
    ['partner-ars', 'ars'],
    ['partner-cpam', 'cpam'],
    ['partner-ordre', 'ordre'],
    ['partner-collectivite', 'collectivites'],
  ])),
  /**
   * Key of the signing secrets at rest (AES-256-GCM): 32 random bytes in base64
   * (`openssl rand -base64 32`). No default: a lost or changed key makes the stored secrets
   * unreadable, and the service then refuses to start.
   */
  WEBHOOK_SECRETS_KEY: z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'clé de 32 octets en base64 attendue (openssl rand -base64 32)'),
  /**
   * This service's Keycloak client, whose service account may read the partner clients' state
   * (`realm-management` › `view-clients`). Without its secret, a partner client disabled in
   * Keycloak keeps receiving webhooks (the service says so at start).
   */
  PARTNER_DIRECTORY_CLIENT_ID: z.string().min(1).default('notifications'),
  PARTNER_DIRECTORY_CLIENT_SECRET: z.string().min(1).optional(),
  /** How often the partner clients' state is read: a disabled client stops receiving within this time. */
  PARTNER_STATE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  MAX_SUBSCRIPTIONS_PER_PARTNER: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * Days the partner event log (source of webhooks and replays) keeps an event, as long as the
   * partner topics do: older events are purged and no replay reaches further back.
   */
  PARTNER_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Days the webhook delivery log (deliveries and their attempts) is kept. */
  DELIVERY_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** How often what is past its retention is purged. */
  RETENTION_PURGE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /** Prepended to every topic name (an isolated run beside the real topics); empty in production. */
  TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{0,100}$/).default(''),
  CONSUMER_GROUP_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).default('notifications'),
  /** Names this instance's own consumer group (the catalogue every instance keeps in memory); `npm start` gives one per instance. */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).default(`${hostname()}-${process.pid}`),
  /** How often webhook retries are looked for (in memory); new work is picked up at once anyway. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /**
   * How often queued e-mails are looked for in the database (a scan of every e-mail kept): e-mails
   * queued by this process are sent at once, so the sweep only serves retries and a restart.
   */
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
  /**
   * How often case outboxes are swept (a scan of the cases) for events a stop or a refusal of the
   * broker left unpublished; fresh ones are published at once, and the first sweep runs at start.
   */
  RELAY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(10_000),
});

export type NotificationsConfig = z.output<typeof notificationsEnv>;

export const loadNotificationsConfig = (env: Readonly<Record<string, string | undefined>> = process.env): NotificationsConfig => loadConfig(notificationsEnv, env);
