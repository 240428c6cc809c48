import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { launchChromium } from './harness/chromium.js';
import { startPortal } from './harness/portal-server.js';
import type { BrowserRun } from './harness/run.js';
import { ensureServices } from './harness/services.js';
import type { Services } from './harness/services.js';
import { journeySuite } from './journeys.suite.js';
import { pageSuites } from './pages.suite.js';

// One portal on 127.0.0.1:5173 (the only origin Keycloak's portal clients accept) and one
// Chromium for every browser test, so the suites never fight over the port.
//   - pages.suite.ts: each main page, screenshot + axe-core, real Keycloak, fixture services;
//   - journeys.suite.ts: candidate and caseworker journeys through the real services, only
//     with GUICHET_E2E=1 (services already running are used, missing ones started here).

const endToEnd = process.env.GUICHET_E2E === '1';
const run = {} as BrowserRun;
let services: Services | undefined;

beforeAll(async () => {
  if (endToEnd) services = await ensureServices();
  run.portal = await startPortal(services ? { intakeUrl: services.intakeUrl, matchingUrl: services.matchingUrl } : {});
  run.browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await run.browser?.close();
  await run.portal?.stop();
  await services?.stop();
});

pageSuites(run);

if (endToEnd) {
  journeySuite(run);
} else {
  describe('journeys through the real services', () => {
    it.skip('ignorés sans GUICHET_E2E=1 (services réels intake et matching : candidat déposé → ensemble accepté, instructeur → changement de statut)', () =>
      undefined);
  });
}
