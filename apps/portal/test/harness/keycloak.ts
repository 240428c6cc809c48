import type { Page } from 'playwright-core';

export const demoPassword = 'demo';

/** Fills the real Keycloak login page the portal redirected to, then waits to be back. */
export async function signIn(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.waitForURL(/\/realms\/guichet\/protocol\/openid-connect\/auth/, { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => url.port === '5173' && !url.pathname.endsWith('/connexion'), { timeout: 30_000 }), page.click('#kc-login')]);
}
