import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { fail, ok, type Result as Outcome } from '@guichet/platform';
import type { ReplayRequest, SecretRotation, SubscriptionCreate } from '@guichet/contracts';
import { nameBasedUuid } from '../domain/ids.js';
import { replayStart, type PartnerRetention } from '../domain/retention.js';
import { DEFAULT_OVERLAP_MS, rotate } from '../domain/signing-secrets.js';
import type { Stakeholder } from '../domain/stakeholders.js';
import { eventTypeProblems, outOfScope, type FieldProblem, type PartnerScope } from '../domain/subscription-rules.js';
import type { Check } from '../domain/url-guard.js';
import type { Clock, Replay, ReplayStore, Subscription, SubscriptionStore, DeliveryStore, DeadLetterStore } from './ports.js';

/** The partner calling, as its access token and the partner directory describe it. */
export interface Partner {
  clientId: string;
  stakeholder: Stakeholder;
  scope: PartnerScope;
}

export type SubscriptionFailure =
  | { kind: 'invalid'; detail: string; errors: FieldProblem[] }
  | { kind: 'out-of-territory'; detail: string; errors: FieldProblem[] }
  | { kind: 'not-found' }
  | { kind: 'conflict'; detail: string }
  | { kind: 'concurrent-rotation'; detail: string }
  | { kind: 'too-many'; detail: string };

export type Result<T> = Outcome<T, SubscriptionFailure>;

/** Resolves the target host and checks every address against the URL policy. */
export interface TargetCheck {
  check(url: string): Promise<Check<URL>>;
}

export interface SubscriptionDeps {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  deadLetters: DeadLetterStore;
  replays: ReplayStore;
  targets: TargetCheck;
  clock: Clock;
  publishedTypes: ReadonlySet<string>;
  maxPerPartner: number;
  /** Nothing older is kept: a replay from further back starts at the horizon, and says so. */
  retention: Pick<PartnerRetention, 'partnerEventsDays'>;
  onReplayRequested?: () => void;
}

/** Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export async function createSubscription(
  deps: SubscriptionDeps,
  partner: Partner,
  input: SubscriptionCreate,
  idempotencyKey?: string,
): Promise<Result<{ subscription: Subscription; created: boolean }>> {
  const id = idempotencyKey ? nameBasedUuid('subscription', partner.clientId, idempotencyKey) : randomUUID();
  if (idempotencyKey) {
    const previous = await deps.subscriptions.get(id);
    if (previous) return replayedCreation(previous, input);
  }
  const typeProblems = eventTypeProblems(partner.stakeholder, input.eventTypes, deps.publishedTypes);
  const target = await deps.targets.check(input.url);
  const invalid = [...typeProblems, ...(target.ok ? [] : [{ field: 'url', detail: target.reason }])];
  if (invalid.length > 0) return fail({ kind: 'invalid', detail: 'L’abonnement ne peut pas être créé : corrigez les champs signalés.', errors: invalid });
  if (partner.scope.regions.length === 0 && partner.scope.departements.length === 0) {
    return fail({ kind: 'out-of-territory', detail: 'Votre client partenaire n’a aucun territoire : aucun événement ne peut vous être adressé.', errors: [] });
  }
  const outside = outOfScope(input.territory ?? {}, partner.scope);
  if (outside.length > 0) return fail({ kind: 'out-of-territory', detail: 'Le filtre territorial sort du territoire de votre organisme.', errors: outside });
  if ((await deps.subscriptions.listByClient(partner.clientId)).length >= deps.maxPerPartner) {
    return fail({ kind: 'too-many', detail: `Vous avez déjà ${deps.maxPerPartner} abonnements : supprimez-en un avant d’en créer un autre.` });
  }
  const now = deps.clock.now();
  const subscription: Subscription = {
    id,
    stakeholder: partner.stakeholder,
    clientId: partner.clientId,
    url: input.url,
    eventTypes: [...input.eventTypes],
    ...(input.territory ? { territory: input.territory } : {}),
    scope: { regions: [...partner.scope.regions], departements: [...partner.scope.departements] },
    ...(input.description ? { description: input.description } : {}),
    status: 'active',
    secrets: [{ value: newSecret(), createdAt: now }],
    createdAt: now,
    updatedAt: now,
  };
  if ((await deps.subscriptions.insert(subscription)) === 'exists') {
    const first = await deps.subscriptions.get(id);
    if (first) return replayedCreation(first, input);
  }
  return ok({ subscription, created: true });
}

const sameCreation = (subscription: Subscription, input: SubscriptionCreate): boolean =>
  isDeepStrictEqual(
    { url: subscription.url, eventTypes: [...subscription.eventTypes].sort(), territory: subscription.territory ?? {}, description: subscription.description ?? '' },
    { url: input.url, eventTypes: [...input.eventTypes].sort(), territory: input.territory ?? {}, description: input.description ?? '' },
  );

/**
 * A creation retried with the same key answers the first one, secret included, as long as it asks
 * for the same subscription and the secret is still the one created then: a key reused for
 * another subscription, or after a rotation, never reveals a secret.
 */
function replayedCreation(first: Subscription, input: SubscriptionCreate): Result<{ subscription: Subscription; created: boolean }> {
  if (!sameCreation(first, input)) {
    return fail({ kind: 'conflict', detail: 'Cette clé d’idempotence a déjà servi à créer un autre abonnement : choisissez une nouvelle clé pour une nouvelle demande.' });
  }
  if (first.secrets[0]?.createdAt.getTime() !== first.createdAt.getTime()) {
    return fail({ kind: 'conflict', detail: 'Le secret de cet abonnement a été remplacé depuis sa création : il n’est plus montré. Remplacez-le de nouveau si vous l’avez perdu.' });
  }
  return ok({ subscription: first, created: false });
}

/**
 * Replaces the signing secret; the replaced one still signs, beside it, during the overlap. A
 * rotation retried with its Idempotency-Key answers the secret it created while that secret is
 * still the current one; a key of an earlier rotation is a conflict. Of two rotations at once, one
 * only is made: the other is refused, so that the partner knows which secret is in force.
 */
export async function rotateSecret(deps: SubscriptionDeps, partner: Partner, id: string, input: SecretRotation, idempotencyKey?: string): Promise<Result<{ secret: string; previousSecretExpiresAt: Date }>> {
  const own = await ownSubscription(deps, partner, id);
  if (!own.ok) return own;
  const [current, previous] = own.value.secrets;
  if (idempotencyKey !== undefined && current?.rotationKey === idempotencyKey) {
    return ok({ secret: current.value, previousSecretExpiresAt: previous?.expiresAt ?? current.createdAt });
  }
  if (idempotencyKey !== undefined && own.value.secrets.some((secret) => secret.rotationKey === idempotencyKey)) {
    return fail({ kind: 'conflict', detail: 'Cette clé d’idempotence a servi à un remplacement de secret antérieur : choisissez une nouvelle clé pour un nouveau remplacement.' });
  }
  const now = deps.clock.now();
  const fresh = { value: newSecret(), createdAt: now, ...(idempotencyKey === undefined ? {} : { rotationKey: idempotencyKey }) };
  const { secrets, previousExpiresAt } = rotate(own.value.secrets, fresh, now, input.overlapSeconds === undefined ? DEFAULT_OVERLAP_MS : input.overlapSeconds * 1000);
  const replaced = current === undefined ? 'stale' : await deps.subscriptions.replaceSecrets(id, current.value, secrets, now);
  if (replaced === 'missing') return fail({ kind: 'not-found' });
  if (replaced === 'stale') {
    return fail({
      kind: 'concurrent-rotation',
      detail: 'Le secret de cet abonnement a été remplacé par une autre demande pendant celle-ci : le secret de cette demande n’a jamais été en vigueur, celui en vigueur est le secret rendu à l’autre demande. Si vous l’avez perdu, remplacez-le de nouveau.',
    });
  }
  return ok({ secret: fresh.value, previousSecretExpiresAt: previousExpiresAt });
}

/** A partner reaches only its own subscriptions; another's is as absent as a missing one. */
export async function ownSubscription(deps: Pick<SubscriptionDeps, 'subscriptions'>, partner: Partner, id: string): Promise<Result<Subscription>> {
  const subscription = await deps.subscriptions.get(id);
  if (!subscription || subscription.clientId !== partner.clientId) return fail({ kind: 'not-found' });
  return ok(subscription);
}

export async function setSubscriptionStatus(deps: SubscriptionDeps, partner: Partner, id: string, status: Subscription['status']): Promise<Result<Subscription>> {
  const own = await ownSubscription(deps, partner, id);
  if (!own.ok) return own;
  const updated = await deps.subscriptions.setStatus(id, status, deps.clock.now());
  return updated ? ok(updated) : fail({ kind: 'not-found' });
}

export async function deleteSubscription(deps: SubscriptionDeps, partner: Partner, id: string): Promise<Result<void>> {
  const own = await ownSubscription(deps, partner, id);
  if (!own.ok) return own;
  await deps.subscriptions.delete(id);
  await deps.deliveries.deleteForSubscription(id);
  await deps.deadLetters.deleteForSubscription(id);
  return ok(undefined);
}

export async function requestReplay(deps: SubscriptionDeps, partner: Partner, id: string, input: ReplayRequest): Promise<Result<Replay>> {
  const own = await ownSubscription(deps, partner, id);
  if (!own.ok) return own;
  const from = new Date(input.from);
  const until = input.until ? new Date(input.until) : undefined;
  const now = deps.clock.now();
  const errors: FieldProblem[] = [];
  if (from.getTime() > now.getTime()) errors.push({ field: 'from', detail: 'le point de départ du rejeu est dans le futur' });
  if (until && until.getTime() <= from.getTime()) errors.push({ field: 'until', detail: 'la fin du rejeu doit suivre son début' });
  const foreign = (input.eventTypes ?? []).flatMap((type, index) => (own.value.eventTypes.includes(type) ? [] : [{ field: `eventTypes[${index}]`, detail: 'type absent de cet abonnement' }]));
  errors.push(...foreign);
  if (errors.length > 0) return fail({ kind: 'invalid', detail: 'Le rejeu ne peut pas être demandé : corrigez les champs signalés.', errors });
  const effectiveFrom = replayStart(from, now, deps.retention);
  const replay: Replay = { id: randomUUID(), subscriptionId: id, from, effectiveFrom, ...(until ? { until } : {}), eventTypes: [...(input.eventTypes ?? [])], status: 'accepted', requestedAt: now };
  await deps.replays.insert(replay);
  deps.onReplayRequested?.();
  return ok(replay);
}
