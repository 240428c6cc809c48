import { afterAll, beforeAll } from '@jest/globals';
import { accountSuite } from './account.suite.js';
import { launchChromium } from './harness/chromium.js';
import { startPortal } from './harness/portal-server.js';
import type { BrowserRun } from './harness/run.js';
import { startServices, type Services } from './harness/services.js';
import { journeySuite } from './journeys.suite.js';
import { pageSuites } from './pages.suite.js';

// One portal on 127.0.0.1:5173 (the only origin Keycloak's portal clients accept) and one
// Chromium for every browser test, so the suites never fight over the port.
//   - pages.suite.ts: each main page, screenshot + axe-core, real Keycloak, fixture services;
//   - journeys.suite.ts: publisher, candidate and caseworker journeys through the real intake and
//     matching, started here on their own databases and topics;
//   - account.suite.ts: account creation and password reset with the e-mails read from the demo
//     mailbox, then a first draft on the real intake.

const run = {} as BrowserRun;
let services: Services | undefined;

beforeAll(async () => {
  services = await startServices();
  run.portal = await startPortal({ intakeUrl: services.intakeUrl, matchingUrl: services.matchingUrl });
  run.browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await run.browser?.close();
  await run.portal?.stop();
  await services?.stop();
});

pageSuites(run);

journeySuite(run);

accountSuite(run);
