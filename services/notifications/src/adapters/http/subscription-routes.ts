import {
  fieldErrorsFromValidationErrors,
  validateReplayRequest,
  validateSecretRotation,
  validateSubscriptionCreate,
  validateSubscriptionPatch,
  type ValidationResult,
} from '@guichet/contracts';
import {
  asyncHandler,
  authenticate,
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  requireRole,
  UnprocessableProblem,
  ValidationProblem,
  valueOrThrow,
  type HttpProblem,
  type Principal,
  type TokenVerifier,
} from '@guichet/platform';
import type { Request, Router } from 'express';
import {
  createSubscription,
  deleteSubscription,
  ownSubscription,
  requestReplay,
  rotateSecret,
  setSubscriptionStatus,
  type Partner,
  type Result,
  type SubscriptionDeps,
  type SubscriptionFailure,
} from '../../application/manage-subscriptions.js';
import type { Subscription } from '../../application/ports.js';
import type { DeliveryStatus } from '../../domain/delivery.js';
import type { Stakeholder } from '../../domain/stakeholders.js';
import { deadLetterView, deliveryView, replayView, subscriptionView } from './views.js';

export interface SubscriptionRoutesOptions {
  verifier: TokenVerifier;
  /** Which stakeholder family each partner client (Keycloak `azp`) speaks for. */
  partnerFamilies: ReadonlyMap<string, Stakeholder>;
  deps: SubscriptionDeps;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;
const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'retrying', 'delivered', 'dead'];

function valid<T>(result: ValidationResult<T>): T {
  if (result.ok) return result.value;
  throw new ValidationProblem(fieldErrorsFromValidationErrors(result.errors));
}

function problemOf(failure: SubscriptionFailure): HttpProblem {
  switch (failure.kind) {
    case 'invalid':
      return new ValidationProblem(failure.errors, failure.detail);
    case 'out-of-territory':
      return new ForbiddenProblem(failure.detail, { slug: 'hors-territoire', errors: failure.errors });
    case 'conflict':
      return new ConflictProblem(failure.detail, { slug: 'cle-idempotence-reutilisee' });
    case 'concurrent-rotation':
      return new ConflictProblem(failure.detail, { slug: 'secret-remplace-entre-temps' });
    case 'not-found':
      return new NotFoundProblem('Aucun abonnement de votre organisme ne porte cet identifiant.');
    case 'too-many':
      return new UnprocessableProblem(failure.detail, { slug: 'trop-d-abonnements' });
  }
}

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new ValidationProblem([{ field: 'Idempotency-Key', detail: '1 à 200 caractères parmi lettres, chiffres, _ . : -' }]);
  return key;
}

function currentSecret(subscription: Subscription): string {
  const [current] = subscription.secrets;
  if (!current) throw new Error(`abonnement ${subscription.id} sans secret de signature`);
  return current.value;
}

const unwrap = <T>(result: Result<T>): T => valueOrThrow(result, problemOf);

function pageRequest(req: Request): { limit: number; cursor?: string; status?: DeliveryStatus } {
  const { limit = '50', cursor, status } = req.query;
  const errors = [];
  const size = Number(limit);
  if (typeof limit !== 'string' || !Number.isInteger(size) || size < 1 || size > 200) errors.push({ field: 'limit', detail: 'nombre entier entre 1 et 200 attendu' });
  if (cursor !== undefined && (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(cursor))) errors.push({ field: 'cursor', detail: 'curseur de pagination invalide' });
  if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) errors.push({ field: 'status', detail: `valeur non autorisée (valeurs possibles : ${DELIVERY_STATUSES.join(', ')})` });
  if (errors.length > 0) throw new ValidationProblem(errors, 'Paramètres de pagination invalides.');
  return { limit: size, ...(typeof cursor === 'string' ? { cursor } : {}), ...(typeof status === 'string' ? { status: status as DeliveryStatus } : {}) };
}

/**
 * Webhook subscriptions of partner systems (role `partner`, confidential clients). A partner sees
 * and changes only its own subscriptions; the secret is returned once, at creation.
 */
export function subscriptionRoutes({ verifier, partnerFamilies, deps }: SubscriptionRoutesOptions) {
  const partnerOf = (req: Request): Partner => {
    const principal = req.principal as Principal;
    const stakeholder = partnerFamilies.get(principal.clientId);
    if (!stakeholder) throw new ForbiddenProblem('Ce client partenaire n’est rattaché à aucune famille de destinataires (ARS, CPAM, Ordre, collectivités).');
    return { clientId: principal.clientId, stakeholder, scope: principal.territory };
  };
  const idParam = (req: Request, name = 'id'): string => {
    const id = req.params[name];
    if (typeof id !== 'string' || !UUID.test(id)) throw new NotFoundProblem('Aucun abonnement de votre organisme ne porte cet identifiant.');
    return id;
  };

  return (router: Router): void => {
    const base = '/v1/subscriptions';
    router.use(base, authenticate(verifier), requireRole('partner'));

    router.post(
      base,
      asyncHandler(async (req, res) => {
        const partner = partnerOf(req);
        const input = valid(validateSubscriptionCreate(req.body));
        const { subscription } = unwrap(await createSubscription(deps, partner, input, idempotencyKeyOf(req)));
        res.status(201).location(`${base}/${subscription.id}`).json({ subscription: subscriptionView(subscription), secret: currentSecret(subscription) });
      }),
    );

    router.get(
      base,
      asyncHandler(async (req, res) => {
        const partner = partnerOf(req);
        res.json({ items: (await deps.subscriptions.listByClient(partner.clientId)).map(subscriptionView) });
      }),
    );

    router.get(
      `${base}/:id`,
      asyncHandler(async (req, res) => {
        res.json(subscriptionView(unwrap(await ownSubscription(deps, partnerOf(req), idParam(req)))));
      }),
    );

    router.patch(
      `${base}/:id`,
      asyncHandler(async (req, res) => {
        const partner = partnerOf(req);
        const id = idParam(req);
        const { status } = valid(validateSubscriptionPatch(req.body));
        res.json(subscriptionView(unwrap(await setSubscriptionStatus(deps, partner, id, status))));
      }),
    );

    router.delete(
      `${base}/:id`,
      asyncHandler(async (req, res) => {
        unwrap(await deleteSubscription(deps, partnerOf(req), idParam(req)));
        res.status(204).end();
      }),
    );

    router.post(
      `${base}/:id/secret-rotations`,
      asyncHandler(async (req, res) => {
        const partner = partnerOf(req);
        const id = idParam(req);
        const input = valid(validateSecretRotation(req.body ?? {}));
        const rotated = unwrap(await rotateSecret(deps, partner, id, input, idempotencyKeyOf(req)));
        res.status(201).json({ secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString() });
      }),
    );

    router.get(
      `${base}/:id/deliveries`,
      asyncHandler(async (req, res) => {
        const subscription = unwrap(await ownSubscription(deps, partnerOf(req), idParam(req)));
        const { status, ...page } = pageRequest(req);
        const found = await deps.deliveries.page(subscription.id, status, page);
        res.json({ items: found.items.map(deliveryView), page: { limit: page.limit, ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) } });
      }),
    );

    router.get(
      `${base}/:id/dead-letters`,
      asyncHandler(async (req, res) => {
        const subscription = unwrap(await ownSubscription(deps, partnerOf(req), idParam(req)));
        const { status: _ignored, ...page } = pageRequest(req);
        const found = await deps.deadLetters.page(subscription.id, page);
        res.json({ items: found.items.map(deadLetterView), page: { limit: page.limit, ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) } });
      }),
    );

    router.post(
      `${base}/:id/replays`,
      asyncHandler(async (req, res) => {
        const partner = partnerOf(req);
        const id = idParam(req);
        const input = valid(validateReplayRequest(req.body));
        const replay = unwrap(await requestReplay(deps, partner, id, input));
        res.status(202).location(`${base}/${id}/replays/${replay.id}`).json(replayView(replay));
      }),
    );

    router.get(
      `${base}/:id/replays/:replayId`,
      asyncHandler(async (req, res) => {
        const subscription = unwrap(await ownSubscription(deps, partnerOf(req), idParam(req)));
        const replay = await deps.replays.get(idParam(req, 'replayId'));
        if (!replay || replay.subscriptionId !== subscription.id) throw new NotFoundProblem('Aucun rejeu de cet abonnement ne porte cet identifiant.');
        res.json(replayView(replay));
      }),
    );
  };
}
