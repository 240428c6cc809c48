import { validateAidFunder, validateInseeCommuneCode, validateIsoDate, type AidSchemeList, type FieldError } from '@guichet/contracts';
import { asyncHandler, authenticate, etagOf, idempotent, ifMatchVersion, NotFoundProblem, requireRole, sendReply, ValidationProblem } from '@guichet/platform';
import type { Request, Router } from 'express';
import { createAidScheme, versionAidScheme } from '../../application/reference/aid-schemes.js';
import { importZoning } from '../../application/reference/import-zoning.js';
import { callerOf } from './callers.js';
import { csvOf } from './csv-body.js';
import type { HttpDeps } from './http-deps.js';
import { unwrap } from './problems.js';
import { historyOf } from '../../domain/index.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function schemeIdOf(req: Request): string {
  const id = String(req.params['schemeId']);
  if (!SLUG.test(id) || id.length > 100) throw new NotFoundProblem(`Aucun dispositif « ${id.slice(0, 100)} ».`);
  return id;
}

/** Aid schemes (public reading, local authorities' own schemes, versions) and zoning (ARS import, public history). */
export function referenceRoutes(router: Router, deps: HttpDeps): void {
  const auth = authenticate(deps.verifier);

  router.get(
    '/v1/aid-schemes',
    asyncHandler(async (req, res) => {
      const errors: FieldError[] = [];
      const at = req.query['at'];
      const funder = req.query['funder'];
      if (at !== undefined && (typeof at !== 'string' || !validateIsoDate(at).ok)) errors.push({ field: 'at', detail: 'date invalide (format AAAA-MM-JJ)' });
      if (funder !== undefined && (typeof funder !== 'string' || !validateAidFunder(funder).ok)) errors.push({ field: 'funder', detail: 'financeur inconnu' });
      if (errors.length > 0) throw new ValidationProblem(errors, 'Paramètres de recherche invalides.');
      const date = at as string | undefined;
      const items = deps.reference
        .snapshot()
        .catalogue.filter((s) => funder === undefined || s.funder === funder)
        .filter((s) => date === undefined || ((s.validFrom === null || s.validFrom <= date) && (s.validUntil === null || date <= s.validUntil)));
      const body: AidSchemeList = { items: [...items] };
      res.json(body);
    }),
  );

  router.post(
    '/v1/aid-schemes',
    auth,
    requireRole('collectivite', 'admin'),
    idempotent(deps.idempotency, deps.runtime, async (req) => {
      const scheme = unwrap(await createAidScheme(deps, callerOf(req), req.body));
      return { status: 201, headers: { ETag: etagOf(scheme.version), Location: `/v1/aid-schemes/${scheme.id}` }, body: scheme };
    }),
  );

  router.get(
    '/v1/aid-schemes/:schemeId',
    asyncHandler(async (req, res) => {
      const id = schemeIdOf(req);
      const stored = await deps.aidSchemes.get(id);
      if (!stored) throw new NotFoundProblem(`Aucun dispositif « ${id} ».`);
      sendReply(res, { status: 200, headers: { ETag: etagOf(stored.scheme.version) }, body: stored.scheme });
    }),
  );

  router.get(
    '/v1/aid-schemes/:schemeId/versions',
    asyncHandler(async (req, res) => {
      const id = schemeIdOf(req);
      const stored = await deps.aidSchemes.get(id);
      if (!stored) throw new NotFoundProblem(`Aucun dispositif « ${id} ».`);
      const body: AidSchemeList = { items: [...stored.versions] };
      res.json(body);
    }),
  );

  router.post(
    '/v1/aid-schemes/:schemeId/versions',
    auth,
    requireRole('collectivite', 'admin'),
    idempotent(deps.idempotency, deps.runtime, async (req) => {
      const id = schemeIdOf(req);
      const scheme = unwrap(await versionAidScheme(deps, callerOf(req), id, ifMatchVersion(req), req.body));
      return { status: 201, headers: { ETag: etagOf(scheme.version), Location: `/v1/aid-schemes/${scheme.id}` }, body: scheme };
    }),
  );

  router.post(
    '/v1/zoning/import',
    auth,
    requireRole('caseworker-ars'),
    idempotent(deps.idempotency, deps.runtime, async (req, key) => {
      const param = (name: string): string | undefined => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      const report = unwrap(
        await importZoning(
          deps,
          callerOf(req),
          { regionCode: param('regionCode') ?? '', arreteReference: param('arreteReference') ?? '', ...(param('arreteSignedOn') ? { arreteSignedOn: param('arreteSignedOn')! } : {}) },
          csvOf(req),
          key,
        ),
      );
      return { status: 200, body: report };
    }),
  );

  router.get(
    '/v1/zoning/communes/:communeCode',
    asyncHandler(async (req, res) => {
      const code = String(req.params['communeCode']);
      if (!validateInseeCommuneCode(code).ok || !deps.communes.get(code)) throw new NotFoundProblem(`Commune inconnue : ${code.slice(0, 10)}.`);
      res.json(historyOf(deps.reference.snapshot().zoning, code));
    }),
  );
}
