import { asyncHandler, authenticate, NotFoundProblem, requireRole } from '@guichet/platform';
import type { Router } from 'express';
import { reachesTerritory } from '../../application/caller.js';
import { proposalsReadEvent } from '../../application/matching/proposals-read.js';
import { callerOf } from './callers.js';
import type { HttpDeps } from './http-deps.js';
import { problemOf } from './problems.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Latest proposals of a case, for the caseworkers of its territory. Each read is reported to the
 * candidate's access log (through the outbox) before the proposals are sent.
 */
export function proposalRoutes(router: Router, deps: HttpDeps): void {
  router.get(
    '/v1/proposals/:requestId',
    authenticate(deps.verifier),
    requireRole('caseworker-ars', 'caseworker-cpam', 'admin'),
    asyncHandler(async (req, res) => {
      const requestId = String(req.params['requestId']);
      const stored = UUID.test(requestId) ? await deps.requests.get(requestId) : null;
      const proposals = stored?.proposalSetId ? await deps.requests.proposals(stored.proposalSetId) : null;
      if (!stored || !proposals) throw new NotFoundProblem('Aucune proposition calculée pour ce dossier.');
      const caller = callerOf(req);
      if (!reachesTerritory(caller, stored.territory)) throw problemOf({ kind: 'out-of-territory', detail: 'Ce dossier est hors de votre territoire.' });
      const at = deps.runtime.now().toISOString();
      await deps.requests.emit(requestId, [proposalsReadEvent(caller, requestId, { id: deps.runtime.newId(), at })]);
      res.json(proposals);
    }),
  );
}
