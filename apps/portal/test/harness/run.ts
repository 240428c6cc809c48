import type { Browser } from 'playwright-core';
import type { RunningPortal } from './portal-server.js';

/** What the browser suites share, set by portal.browser.spec.ts before they run. */
export interface BrowserRun {
  portal: RunningPortal;
  browser: Browser;
}
