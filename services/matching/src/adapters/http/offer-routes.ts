import { validateInseeCommuneCode, validateDepartementCode, validateOfferKind, validateOfferStatus, type FieldError, type OfferKind, type OfferPage, type OfferStatus } from '@guichet/contracts';
import { asyncHandler, authenticate, etagOf, idempotent, ifMatchVersion, NotFoundProblem, requireRole, sendReply, ValidationProblem } from '@guichet/platform';
import type { Request, Router } from 'express';
import { getOffer, publishOffer, updateOffer, withdrawOffer } from '../../application/offers/offer-commands.js';
import { importOffers } from '../../application/offers/import-offers.js';
import { listOffers, type OfferListing } from '../../application/offers/list-offers.js';
import { callerOf } from './callers.js';
import { csvOf } from './csv-body.js';
import type { HttpDeps } from './http-deps.js';
import { unwrap } from './problems.js';

const READERS = ['offer-publisher', 'caseworker-ars', 'caseworker-cpam', 'collectivite', 'admin'] as const;
const PUBLISHERS = ['offer-publisher', 'admin'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function offerIdOf(req: Request): string {
  const id = String(req.params['offerId']);
  if (!UUID.test(id)) throw new NotFoundProblem("Cette offre n'existe pas.");
  return id;
}

/** Offer catalogue: publish, update, withdraw, list, CSV import — on the publisher's territory. */
export function offerRoutes(router: Router, deps: HttpDeps): void {
  const auth = authenticate(deps.verifier);

  router.get(
    '/v1/offers',
    auth,
    requireRole(...READERS),
    asyncHandler(async (req, res) => {
      const listing = listingOf(req);
      const page = await listOffers(deps.offers, callerOf(req), listing);
      const body: OfferPage = { items: page.items, total: page.total, page: { limit: listing.limit, ...(page.nextAfter ? { nextCursor: Buffer.from(page.nextAfter).toString('base64url') } : {}) } };
      res.json(body);
    }),
  );

  router.post(
    '/v1/offers',
    auth,
    requireRole(...PUBLISHERS),
    idempotent(deps.idempotency, deps.runtime, async (req) => {
      const offer = unwrap(await publishOffer(deps, callerOf(req), req.body));
      return { status: 201, headers: { ETag: etagOf(offer.version), Location: `/v1/offers/${offer.id}` }, body: offer };
    }),
  );

  router.post(
    '/v1/offers/import',
    auth,
    requireRole(...PUBLISHERS),
    idempotent(deps.idempotency, deps.runtime, async (req, key) => {
      const kind = req.query['kind'];
      if (typeof kind !== 'string' || !validateOfferKind(kind).ok) throw new ValidationProblem([{ field: 'kind', detail: 'nature attendue : premises, housing ou job' }]);
      const report = unwrap(await importOffers(deps, callerOf(req), kind as OfferKind, csvOf(req), key));
      return { status: 200, body: report };
    }),
  );

  router.get(
    '/v1/offers/:offerId',
    auth,
    requireRole(...READERS, 'candidate'),
    asyncHandler(async (req, res) => {
      const offer = unwrap(await getOffer(deps, callerOf(req), offerIdOf(req)));
      sendReply(res, { status: 200, headers: { ETag: etagOf(offer.version) }, body: offer });
    }),
  );

  router.put(
    '/v1/offers/:offerId',
    auth,
    requireRole(...PUBLISHERS),
    asyncHandler(async (req, res) => {
      const offerId = offerIdOf(req);
      const offer = unwrap(await updateOffer(deps, callerOf(req), offerId, ifMatchVersion(req), req.body));
      sendReply(res, { status: 200, headers: { ETag: etagOf(offer.version) }, body: offer });
    }),
  );

  router.delete(
    '/v1/offers/:offerId',
    auth,
    requireRole(...PUBLISHERS),
    asyncHandler(async (req, res) => {
      const offerId = offerIdOf(req);
      const offer = unwrap(await withdrawOffer(deps, callerOf(req), offerId, ifMatchVersion(req)));
      sendReply(res, { status: 200, headers: { ETag: etagOf(offer.version) }, body: offer });
    }),
  );
}

function listingOf(req: Request): OfferListing {
  const errors: FieldError[] = [];
  const text = (name: string): string | undefined => {
    const value = req.query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      errors.push({ field: name, detail: 'une seule valeur attendue' });
      return undefined;
    }
    return value;
  };
  const kind = text('kind');
  const status = text('status');
  const communeCode = text('communeCode');
  const departement = text('departement');
  const mine = text('mine');
  const limit = text('limit');
  const cursor = text('cursor');
  if (kind !== undefined && !validateOfferKind(kind).ok) errors.push({ field: 'kind', detail: 'nature attendue : premises, housing ou job' });
  if (status !== undefined && !validateOfferStatus(status).ok) errors.push({ field: 'status', detail: 'statut attendu : available, reserved ou withdrawn' });
  if (communeCode !== undefined && !validateInseeCommuneCode(communeCode).ok) errors.push({ field: 'communeCode', detail: 'code INSEE de commune invalide' });
  if (departement !== undefined && !validateDepartementCode(departement).ok) errors.push({ field: 'departement', detail: 'code de département invalide' });
  if (mine !== undefined && mine !== 'true' && mine !== 'false') errors.push({ field: 'mine', detail: 'true ou false attendu' });
  const size = limit === undefined ? 50 : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > 200) errors.push({ field: 'limit', detail: 'nombre entier de 1 à 200 attendu' });
  const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
  if (cursor !== undefined && (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor) || !UUID.test(after ?? ''))) errors.push({ field: 'cursor', detail: 'curseur de pagination invalide' });
  if (errors.length > 0) throw new ValidationProblem(errors, 'Paramètres de recherche invalides.');
  return {
    ...(kind ? { kind: kind as OfferKind } : {}),
    ...(status ? { status: status as OfferStatus } : {}),
    ...(communeCode ? { communeCode } : {}),
    ...(departement ? { departement } : {}),
    ...(mine === 'true' ? { mine: true } : {}),
    limit: size,
    ...(after ? { after } : {}),
  };
}
