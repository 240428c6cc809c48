import {
  validateAssignReferent,
  validateCommentCreate,
  validateInfoRequestCreate,
  validateStatusChange,
  type AuditEntry,
  type AuditTrail,
  type CasePage,
  type CommentList,
} from '@guichet/contracts';
import { asyncHandler, etagOf, idempotent, ifMatchVersion, type Reply, route } from '@guichet/platform';
import type { Request, Router } from 'express';
import { addComment, assignReferent, caseStatistics, changeStatus, getCase, listQueue, readAuditTrail, requestInformation } from '../../application/index.js';
import { caseDetail, caseSummary, openDataCsv, openDataOf, requestView, type AuditRecord, type CaseState } from '../../domain/index.js';
import { auditorOf, caseworkerOf } from './callers.js';
import type { IntakeHttpDeps, RouteGuards } from './http-deps.js';
import { queueQueryOf } from './queue-query.js';
import { statisticsQueryOf } from './statistics-query.js';
import { bodyOf, cursorOf, pathId } from './request-input.js';
import { unwrap } from './unwrap.js';

function auditEntry(record: AuditRecord): AuditEntry {
  // The generated type narrows before/after to objects; the schema allows any JSON value.
  const changes = record.changes.map((change) => ({ field: change.field, before: change.before, after: change.after })) as AuditEntry['changes'];
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    ...(record.actorName === undefined ? {} : { actorName: record.actorName }),
    action: record.action,
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    ...(record.changes.length === 0 ? {} : { changes }),
  };
}

/** The caseworkers' routes (OpenAPI tag `instructeur`): the cases of their territory only. */
export function caseworkerRoutes(router: Router, deps: IntakeHttpDeps, { caseworker, auditor }: RouteGuards): void {
  const { commands, idempotency } = deps;
  const { runtime, rules } = commands;
  const requestReply = (state: CaseState): Reply => ({
    status: 200,
    body: requestView(state, runtime.now().toISOString(), rules.targets),
    headers: { ETag: etagOf(state.version) },
  });
  const reachedCase = async (req: Request): Promise<CaseState> => unwrap(await getCase(commands, caseworkerOf(req), pathId(req, 'requestId')));

  router.get(
    '/v1/cases',
    ...caseworker,
    route(async (req) => {
      const { filters, page } = queueQueryOf(req);
      const found = await listQueue(commands, caseworkerOf(req), filters, page);
      const now = runtime.now().toISOString();
      const body: CasePage = {
        items: found.items.map((state) => caseSummary(state, now, rules.targets)),
        page: { limit: page.limit, ...(found.nextOffset === undefined ? {} : { nextCursor: cursorOf(found.nextOffset) }) },
      };
      return { status: 200, body };
    }),
  );

  router.get(
    '/v1/statistics',
    ...caseworker,
    route(async (req) => {
      const { period } = statisticsQueryOf(req, false);
      return { status: 200, body: await caseStatistics(commands, caseworkerOf(req), period) };
    }),
  );

  router.get(
    '/v1/statistics/open-data',
    ...caseworker,
    asyncHandler(async (req, res) => {
      const { period, format } = statisticsQueryOf(req, true);
      const table = openDataOf(await caseStatistics(commands, caseworkerOf(req), period));
      if (format === 'json') {
        res.status(200).json(table);
        return;
      }
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="guichet-resultats-${period.from}-${period.to}.csv"`)
        .send(openDataCsv(table));
    }),
  );

  router.get(
    '/v1/cases/:requestId',
    ...caseworker,
    route(async (req) => {
      const state = await reachedCase(req);
      return { status: 200, body: caseDetail(state, runtime.now().toISOString(), rules.targets), headers: { ETag: etagOf(state.version) } };
    }),
  );

  router.put(
    '/v1/cases/:requestId/referent',
    ...caseworker,
    route(async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const assignment = bodyOf(req, validateAssignReferent);
      return requestReply(unwrap(await assignReferent(commands, caseworkerOf(req), id, version, assignment)));
    }),
  );

  router.post(
    '/v1/cases/:requestId/status',
    ...caseworker,
    route(async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const change = bodyOf(req, validateStatusChange);
      return requestReply(unwrap(await changeStatus(commands, caseworkerOf(req), id, version, change)));
    }),
  );

  router.get(
    '/v1/cases/:requestId/comments',
    ...caseworker,
    route(async (req) => {
      const body: CommentList = { items: (await reachedCase(req)).comments };
      return { status: 200, body };
    }),
  );

  router.post(
    '/v1/cases/:requestId/comments',
    ...caseworker,
    idempotent(idempotency, runtime, async (req) => {
      const id = pathId(req, 'requestId');
      const comment = unwrap(await addComment(commands, caseworkerOf(req), id, bodyOf(req, validateCommentCreate)));
      return { status: 201, body: comment, headers: { Location: `/v1/cases/${id}/comments/${comment.id}` } };
    }),
  );

  router.post(
    '/v1/cases/:requestId/info-requests',
    ...caseworker,
    idempotent(idempotency, runtime, async (req) => {
      const id = pathId(req, 'requestId');
      const version = ifMatchVersion(req);
      const request = bodyOf(req, validateInfoRequestCreate);
      const created = unwrap(await requestInformation(commands, caseworkerOf(req), id, version, request));
      return { status: 201, body: created, headers: { Location: `/v1/requests/${id}/info-requests/${created.id}` } };
    }),
  );

  router.get(
    '/v1/cases/:requestId/audit',
    ...auditor,
    route(async (req) => {
      const records = unwrap(await readAuditTrail({ ...commands, audit: deps.audit }, auditorOf(req), pathId(req, 'requestId')));
      const body: AuditTrail = { items: records.map(auditEntry) };
      return { status: 200, body };
    }),
  );
}
