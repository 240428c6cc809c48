import { describe, expect, it } from '@jest/globals';
import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { offlineCopyOfContracts, unresolvedRefs } from './refs.js';
import { contractsDir } from './schema-files.js';

type Operation = {
  operationId: string;
  parameters?: { $ref?: string; name?: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown>; $ref?: string }>;
  security?: unknown[];
  'x-roles'?: string[];
};
type Spec = { paths: Record<string, Record<string, Operation | unknown>>; components: { responses: Record<string, { content: Record<string, unknown> }> } };

const specs = ['intake', 'matching', 'notifications'];
const offline = offlineCopyOfContracts();

function load(name: string): Spec {
  return parse(readFileSync(path.join(contractsDir, 'openapi', `${name}.yaml`), 'utf8')) as Spec;
}

function operations(spec: Spec): [string, string, Operation][] {
  return Object.entries(spec.paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => [route, method, op as Operation] as [string, string, Operation]),
  );
}

const expectedOperations: Record<string, string[]> = {
  intake: [
    'createOrResumeDraft', 'listMyRequests', 'getMyRequest', 'updateMyRequest', 'submitRequest', 'withdrawRequest', 'getMyProposals',
    'acceptBundle', 'declineProposals', 'listMyInfoRequests', 'answerInfoRequest', 'getMyAccessLog', 'exportMyData', 'eraseMyData',
    'listCases', 'getCase', 'assignReferent', 'changeCaseStatus', 'listComments', 'addComment', 'requestInformation', 'getAuditTrail', 'getStatistics', 'getOpenDataStatistics',
    'healthLive', 'healthReady',
  ],
  matching: [
    'listOffers', 'publishOffer', 'importOffers', 'getOffer', 'updateOffer', 'withdrawOffer', 'listAidSchemes', 'createAidScheme',
    'getAidScheme', 'listAidSchemeVersions', 'versionAidScheme', 'importZoning', 'getCommuneZoning', 'simulateAids',
    'getProposalsForCase', 'allocateInternshipHousing', 'healthLive', 'healthReady',
  ],
  notifications: [
    'createSubscription', 'listSubscriptions', 'getSubscription', 'pauseOrResumeSubscription', 'deleteSubscription', 'listDeliveries',
    'listDeadLetters', 'redeliverDeadLetter', 'replayEvents', 'getReplay', 'getPartnerPersonalData', 'rotateSubscriptionSecret', 'healthLive', 'healthReady',
  ],
};

describe.each(specs)('openapi/%s.yaml', (name) => {
  it('is a valid OpenAPI 3.1 document for @readme/openapi-parser', async () => {
    const result = await validate(path.join(offline, 'openapi', `${name}.yaml`));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(load(name)).toMatchObject({ openapi: '3.1.0' });
  });

  it('has every $ref resolving, down to the schemas', () => {
    expect(unresolvedRefs(path.join(contractsDir, 'openapi', `${name}.yaml`))).toEqual([]);
  });

  it('exposes every route of its issue', () => {
    expect(operations(load(name)).map(([, , op]) => op.operationId).sort()).toEqual([...(expectedOperations[name] ?? [])].sort());
  });

  it('answers errors as RFC 9457 problems and declares who may call each route', () => {
    const spec = load(name);
    for (const response of Object.values(spec.components.responses)) expect(Object.keys(response.content)).toEqual(['application/problem+json']);
    for (const [route, , op] of operations(spec)) {
      if (route.startsWith('/health')) continue;
      expect(op.responses['500']?.$ref).toBe('#/components/responses/InternalError');
      expect(Array.isArray(op['x-roles'])).toBe(true);
      if ((op['x-roles'] ?? []).length > 0) expect(op.responses['401']).toBeDefined();
    }
  });

  it('asks an Idempotency-Key of creating calls and If-Match of updates', () => {
    for (const [route, method, op] of operations(load(name))) {
      const params = (op.parameters ?? []).map((p) => p.$ref ?? p.name);
      if (op.responses['201']) expect([route, params]).toEqual([route, expect.arrayContaining(['#/components/parameters/IdempotencyKey'])]);
      if (method === 'put') expect([route, params]).toEqual([route, expect.arrayContaining(['#/components/parameters/IfMatch'])]);
      if (params.includes('#/components/parameters/Cursor')) expect(params).toContain('#/components/parameters/Limit');
    }
  });
});
