import {
  validateBundleAcceptance,
  validateInfoRequestAnswer,
  validateInstallationRequestDraft,
  validateProposalsDecline,
  validateWithdrawal,
  type InstallationRequestPage,
} from '@guichet/contracts';
import { etagOf, idempotent, ifMatchVersion, NotFoundProblem, type Reply, route } from '@guichet/platform';
import type { Router } from 'express';
import {
  acceptBundle,
  accessLogEntry,
  answerInformation,
  createOrResumeDraft,
  currentProposalSet,
  declineProposals,
  eraseCandidateData,
  exportCandidateData,
  getCase,
  listMyRequests,
  readAccessLog,
  submitRequest,
  updateDraft,
  withdrawRequest,
} from '../../application/index.js';
import { requestView, type CaseState } from '../../domain/index.js';
import { candidateOf } from './callers.js';
import type { IntakeHttpDeps, RouteGuards } from './http-deps.js';
import { bodyOf, cursorOf, pageOf, pathId, queryOf, throwIfInvalid } from './request-input.js';
import { unwrap } from './unwrap.js';

/** The candidate's routes (OpenAPI tag `candidat`): their own requests only. */
export function candidateRoutes(router: Router, deps: IntakeHttpDeps, { candidate }: RouteGuards): void {
  const { commands, idempotency } = deps;
  const { runtime, rules } = commands;
  const requestReply = (state: CaseState, status = 200, headers: Record<string, string> = {}): Reply => ({
    status,
    body: requestView(state, runtime.now().toISOString(), rules.targets),
    headers: { ETag: etagOf(state.version), ...headers },
  });
  const ownCase = async (req: Parameters<typeof candidateOf>[0]): Promise<CaseState> =>
    unwrap(await getCase(commands, candidateOf(req), pathId(req, 'requestId')));

  router.post(
    '/v1/requests',
    ...candidate,
    idempotent(idempotency, runtime, async (req) => {
      const draft = bodyOf(req, validateInstallationRequestDraft);
      const { state, created } = unwrap(await createOrResumeDraft(commands, candidateOf(req), draft));
      return created ? requestReply(state, 201, { Location: `/v1/requests/${state.id}` }) : requestReply(state);
    }),
  );

  router.get(
    '/v1/requests',
    ...candidate,
    route(async (req) => {
      const { values, errors } = queryOf(req, ['limit', 'cursor']);
      const page = pageOf(values, errors);
      throwIfInvalid(errors);
      const found = await listMyRequests(commands.cases, candidateOf(req), page);
      const now = runtime.now().toISOString();
      const body: InstallationRequestPage = {
        items: found.items.map((state) => requestView(state, now, rules.targets)),
        page: { limit: page.limit, ...(found.nextOffset === undefined ? {} : { nextCursor: cursorOf(found.nextOffset) }) },
      };
      return { status: 200, body };
    }),
  );

  router.get('/v1/requests/:requestId', ...candidate, route(async (req) => requestReply(await ownCase(req))));

  router.put(
    '/v1/requests/:requestId',
    ...candidate,
    route(async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const draft = bodyOf(req, validateInstallationRequestDraft);
      return requestReply(unwrap(await updateDraft(commands, candidateOf(req), id, version, draft)));
    }),
  );

  router.post(
    '/v1/requests/:requestId/submit',
    ...candidate,
    route(async (req) => {
      const id = pathId(req, 'requestId');
      return requestReply(unwrap(await submitRequest(commands, candidateOf(req), id, ifMatchVersion(req))));
    }),
  );

  router.post(
    '/v1/requests/:requestId/withdraw',
    ...candidate,
    route(async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const withdrawal = bodyOf(req, validateWithdrawal);
      return requestReply(unwrap(await withdrawRequest(commands, candidateOf(req), id, version, withdrawal)));
    }),
  );

  router.get(
    '/v1/requests/:requestId/proposals',
    ...candidate,
    route(async (req) => {
      const proposals = await currentProposalSet(commands.cases, await ownCase(req));
      if (proposals === undefined) throw new NotFoundProblem('Aucune proposition n’a encore été calculée pour cette demande.');
      return { status: 200, body: proposals };
    }),
  );

  router.post(
    '/v1/requests/:requestId/proposals/accept',
    ...candidate,
    idempotent(idempotency, runtime, async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const acceptance = bodyOf(req, validateBundleAcceptance);
      return requestReply(unwrap(await acceptBundle(commands, candidateOf(req), id, version, acceptance)));
    }),
  );

  router.post(
    '/v1/requests/:requestId/proposals/decline',
    ...candidate,
    route(async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const decline = bodyOf(req, validateProposalsDecline);
      return requestReply(unwrap(await declineProposals(commands, candidateOf(req), id, version, decline)));
    }),
  );

  router.get('/v1/requests/:requestId/info-requests', ...candidate, route(async (req) => ({ status: 200, body: (await ownCase(req)).infoRequests })));

  router.post(
    '/v1/requests/:requestId/info-requests/:infoRequestId/answer',
    ...candidate,
    idempotent(idempotency, runtime, async (req) => {
      const id = pathId(req, 'requestId');
      const infoRequestId = pathId(req, 'infoRequestId');
      const answer = bodyOf(req, validateInfoRequestAnswer);
      return { status: 200, body: unwrap(await answerInformation(commands, candidateOf(req), id, infoRequestId, answer)) };
    }),
  );

  router.get(
    '/v1/requests/:requestId/access-log',
    ...candidate,
    route(async (req) => {
      const records = unwrap(await readAccessLog(commands, candidateOf(req), pathId(req, 'requestId')));
      return { status: 200, body: { items: records.map(accessLogEntry) } };
    }),
  );

  router.get(
    '/v1/me/export',
    ...candidate,
    route(async (req) => ({ status: 200, body: await exportCandidateData({ ...commands, targets: rules.targets }, candidateOf(req)) })),
  );

  router.post(
    '/v1/me/erasure',
    ...candidate,
    idempotent(idempotency, runtime, async (req) => ({
      status: 200,
      body: await eraseCandidateData(
        { ...commands, forgetReplies: (owner) => idempotency.forgetOwner(owner), destroyDataKeys: (ids) => deps.dataKeys.destroy(ids) },
        candidateOf(req),
      ),
    })),
  );
}
