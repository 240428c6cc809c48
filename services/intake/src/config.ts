import { hostname } from 'node:os';
import { topics, type CaseStatus } from '@guichet/contracts';
import { commonEnv, loadConfig } from '@guichet/platform';
import { regionName } from '@guichet/territory';
import { z } from 'zod';
import { DEFAULT_TARGETS, STATUS_LABELS, type StatusTargets } from './domain/index.js';

const regionList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
  .pipe(z.array(z.string().refine((code) => regionName(code) !== undefined, 'code de région INSEE inconnu')).min(1, 'au moins une région'));

const STATUSES = Object.keys(STATUS_LABELS) as CaseStatus[];

/** `submitted=5,under_review=15`: target days per status, over the defaults. */
const statusTargets = z
  .string()
  .transform((value, context): StatusTargets => {
    const targets: Partial<Record<CaseStatus, number>> = { ...DEFAULT_TARGETS };
    for (const pair of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
      const [status, days] = pair.split('=');
      if (!STATUSES.includes(status as CaseStatus) || !/^[0-9]{1,4}$/.test(days ?? '')) {
        context.addIssue({ code: 'custom', message: `« ${pair} » : statut=jours attendu (statuts : ${STATUSES.join(', ')})` });
        return z.NEVER;
      }
      targets[status as CaseStatus] = Number(days);
    }
    return targets;
  });

export const intakeEnv = commonEnv.extend({
  SERVICE_NAME: z.string().min(1).default('intake'),
  // 0 asks the system for a free port (tests start the service in-process).
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'nom de base invalide').default('guichet_intake'),
  DESK_REGIONS: regionList.default(['24']),
  STATUS_TARGET_DAYS: statusTargets.default(DEFAULT_TARGETS),
  INTAKE_TOPIC: z.string().min(1).default(topics.intakeRequests),
  MATCHING_TOPIC: z.string().min(1).default(topics.matchingProposals),
  /** Where matching and notifications report the accesses they serve; `TOPIC_PREFIX` + audit.case-access.v1 unless given. */
  ACCESS_TOPIC: z.string().min(1).optional(),
  /** The prefix a run of the services shares on its topics (tests); the other topics are named in full. */
  TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
  CONSUMER_GROUP: z.string().min(1).default('intake'),
  /** Names this instance's own consumer group (erasures heard), with the start's time. */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).default(`${hostname()}-${process.pid}`),
  BODY_LIMIT: z.string().regex(/^[0-9]+(kb|mb)$/, 'taille attendue, par exemple 64kb').default('64kb'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Days a closed case (installed, closed, withdrawn) is kept after its last change; then it is erased as the candidate's erasure would. */
  CLOSED_CASE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** How often closed cases past their retention are looked for (and at start). */
  RETENTION_PURGE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
});

export type IntakeConfig = z.output<typeof intakeEnv>;

export const accessTopicOf = (config: Pick<IntakeConfig, 'ACCESS_TOPIC' | 'TOPIC_PREFIX'>): string => config.ACCESS_TOPIC ?? `${config.TOPIC_PREFIX}${topics.auditCaseAccess}`;

export const loadIntakeConfig = (env: Readonly<Record<string, string | undefined>> = process.env): IntakeConfig => loadConfig(intakeEnv, env);
