import { asyncHandler, authenticate, ForbiddenProblem, NotFoundProblem, requireRole, type Principal, type TokenVerifier } from '@guichet/platform';
import type { Router } from 'express';
import { readPartnerPersonalData, type PartnerPersonalDataDeps } from '../../application/read-partner-personal-data.js';
import { personalDataPath } from '../../domain/personal-data.js';
import type { Stakeholder } from '../../domain/stakeholders.js';

export interface PersonalDataRoutesOptions {
  verifier: TokenVerifier;
  /** Which stakeholder family each partner client (Keycloak `azp`) speaks for. */
  partnerFamilies: ReadonlyMap<string, Stakeholder>;
  deps: PartnerPersonalDataDeps;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNKNOWN = 'Aucune donnée personnelle de ce dossier n’est accordée à votre organisme.';

/** The personal part of a case, for the partner whose events announced it (`personalData.href`). */
export function personalDataRoutes({ verifier, partnerFamilies, deps }: PersonalDataRoutesOptions) {
  return (router: Router): void => {
    router.get(
      personalDataPath(':requestId'),
      authenticate(verifier),
      requireRole('partner'),
      asyncHandler(async (req, res) => {
        const principal = req.principal as Principal;
        const stakeholder = partnerFamilies.get(principal.clientId);
        if (!stakeholder) throw new ForbiddenProblem('Ce client partenaire n’est rattaché à aucune famille de destinataires (ARS, CPAM, Ordre, collectivités).');
        const requestId = req.params['requestId'];
        if (typeof requestId !== 'string' || !UUID.test(requestId)) throw new NotFoundProblem(UNKNOWN);
        const data = await readPartnerPersonalData(deps, { clientId: principal.clientId, stakeholder, scope: principal.territory }, requestId);
        if (!data) throw new NotFoundProblem(UNKNOWN);
        res.set('Cache-Control', 'no-store').json(data);
      }),
    );
  };
}
