import type { Page, Route } from 'playwright-core';
import * as fixtures from './fixtures.js';

// The page tests answer the portal's calls to the services from contract-checked fixtures, so
// every page can be shown and audited without the services; Keycloak stays the real one.

function json(route: Route, body: unknown, status = 200): Promise<void> {
  return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body), headers: { ETag: '"1"' } });
}

function intake(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const path = url.pathname.replace(/^\/api\/intake/, '');
  const method = route.request().method();
  if (path === '/v1/requests' && method === 'GET') return json(route, fixtures.myRequests);
  if (path === '/v1/requests' && method === 'POST') return json(route, fixtures.draft);
  if (path === `/v1/requests/${fixtures.ids.draft}` && method === 'PUT') {
    const data: unknown = route.request().postDataJSON();
    return json(route, { ...fixtures.draft, version: fixtures.draft.version + 1, data });
  }
  if (path === `/v1/requests/${fixtures.ids.draft}`) return json(route, fixtures.draft);
  if (path === `/v1/requests/${fixtures.ids.submitted}`) return json(route, fixtures.submitted);
  if (path.endsWith('/proposals')) return json(route, fixtures.proposalDigest);
  if (path.endsWith('/info-requests')) return json(route, []);
  if (path.endsWith('/access-log')) return json(route, fixtures.accessLog);
  if (path === '/v1/cases') return json(route, fixtures.casePage);
  if (path === '/v1/statistics') return json(route, fixtures.statistics);
  if (path === '/v1/statistics/open-data') {
    if (url.searchParams.get('format') !== 'csv') return json(route, fixtures.openData);
    return route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body: fixtures.openDataCsv });
  }
  if (path.endsWith('/audit')) return json(route, fixtures.audit);
  if (path.endsWith('/comments')) return json(route, fixtures.comments);
  if (path.startsWith('/v1/cases/')) return json(route, fixtures.caseDetail);
  return json(route, { type: 'about:blank', title: 'Introuvable', status: 404 }, 404);
}

function matching(route: Route): Promise<void> {
  const path = new URL(route.request().url()).pathname.replace(/^\/api\/matching/, '');
  if (path === '/v1/simulations') return json(route, fixtures.eligibility);
  if (path === '/v1/offers') return json(route, new URL(route.request().url()).searchParams.get('cursor') ? fixtures.lastOfferPage : fixtures.offerPage);
  if (path === `/v1/offers/${fixtures.ids.premises}`) return json(route, fixtures.premisesOffer);
  if (path === `/v1/offers/${fixtures.ids.housing}`) return json(route, fixtures.housingOffer);
  if (path === `/v1/offers/${fixtures.ids.job}`) return json(route, fixtures.jobOffer);
  if (path.startsWith('/v1/proposals/')) return json(route, fixtures.proposals);
  const zoning = /^\/v1\/zoning\/communes\/(\w+)$/.exec(path)?.[1];
  if (zoning !== undefined && fixtures.zoning[zoning]) return json(route, fixtures.zoning[zoning]);
  return json(route, { type: 'about:blank', title: 'Introuvable', status: 404 }, 404);
}

export async function fakeServices(page: Page): Promise<void> {
  await page.route('**/api/intake/**', intake);
  await page.route('**/api/matching/**', matching);
}
