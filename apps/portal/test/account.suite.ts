import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { demoMailbox } from '../../../tests/e2e/support/mailbox.js';
import type { ReadMail } from '../../../tests/e2e/support/mailbox.js';
import { eventually } from '../../../tests/harness/eventually.js';
import { keycloakAdminToken, keycloakUrl, passwordToken, realm } from '../../../tests/harness/tokens.js';
import { seriousViolations } from './harness/accessibility.js';
import type { BrowserRun } from './harness/run.js';
import { readmePicture, screenshot } from './harness/screenshots.js';

// Getting in as a candidate with no demo account, through the real Keycloak (the realm's DSFR
// theme), its e-mails read from the demo mailbox (Mailpit) through its API, and the real intake.
// Each test has its own throw-away address and deletes its account: no demo account is touched.

const throwawayAddress = (what: string): string => `${what}.${randomUUID().slice(0, 8)}@essai.guichet.example`;
const strongPassword = (): string => `Essai-${randomUUID()}`;

async function usersEndpoint(): Promise<{ url: string; headers: Record<string, string> }> {
  return { url: `${keycloakUrl()}/admin/realms/${realm}/users`, headers: { authorization: `Bearer ${await keycloakAdminToken()}`, 'content-type': 'application/json' } };
}

async function deleteAccount(email: string): Promise<void> {
  const { url, headers } = await usersEndpoint();
  const found = (await (await fetch(`${url}?exact=true&email=${encodeURIComponent(email)}`, { headers })).json()) as { id: string }[];
  await Promise.all(found.map((user) => fetch(`${url}/${user.id}`, { method: 'DELETE', headers })));
}

/** The one e-mail with this subject sent to the address, once it has arrived. */
async function mailTo(address: string, subject: RegExp): Promise<ReadMail> {
  return eventually(async () => {
    const found = (await demoMailbox().mailsTo(address)).filter((mail) => subject.test(mail.subject));
    if (found.length !== 1) throw new Error(`${found.length} e-mail(s) « ${subject.source} » pour ${address}`);
    return found[0] as ReadMail;
  }, 60_000);
}

/** The Keycloak link of an e-mail (action token), as the text part gives it. */
function linkIn(mail: ReadMail): string {
  const link = /https?:\/\/\S+\/login-actions\/action-token\?\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`pas de lien dans l’e-mail « ${mail.subject} » : ${mail.text}`);
  return link;
}

/** Photographed, audited by axe-core, and no sideways scrolling on a 390 px wide phone. */
async function auditedKeycloakPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  if (desktop) await page.setViewportSize(desktop);
}

export function accountSuite(run: BrowserRun): void {
  describe('getting in without a demo account', () => {
    async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
      return { context, page: await context.newPage() };
    }

    it('a visitor creates an account from the home page, confirms the address from the e-mail, and saves a first draft', async () => {
      const email = throwawayAddress('candidate');
      const { context, page } = await newPage();
      try {
        await page.goto(`${run.portal.origin}/`);
        await page.getByRole('heading', { level: 2, name: 'Vous n’avez pas encore de compte ?' }).waitFor();
        await readmePicture(page, 'accueil');
        await page.getByRole('link', { name: 'Créer un compte' }).click();

        await page.getByRole('heading', { level: 1, name: 'Créer un compte candidat' }).waitFor({ timeout: 30_000 });
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
        await auditedKeycloakPage(page, '30-creation-compte');
        await page.getByLabel('Prénom').fill('Inès');
        await page.getByLabel('Nom', { exact: true }).fill('Nouvelle');
        await page.getByLabel(/^Adresse électronique/).fill(email);
        const password = strongPassword();
        await page.locator('#password').fill(password);
        await page.locator('#password-confirm').fill(password);
        await page.locator('#password-confirm').blur();
        await page.evaluate(() => window.scrollTo(0, 0));
        await readmePicture(page, 'creation-compte');
        await page.getByRole('button', { name: 'Créer mon compte' }).click();

        await page.getByRole('heading', { level: 1, name: 'Confirmez votre adresse électronique' }).waitFor({ timeout: 30_000 });
        await expect(page.getByText(email).isVisible()).resolves.toBe(true);
        await auditedKeycloakPage(page, '31-confirmer-adresse');

        const confirmation = await mailTo(email, /Confirmez votre adresse électronique/);
        expect(confirmation.to).toEqual([email]);
        await page.goto(linkIn(confirmation));

        // The confirmed account is signed in and comes back to the candidate's area, with no demand yet.
        await page.getByRole('heading', { level: 1, name: 'Bonjour Inès Nouvelle' }).waitFor({ timeout: 30_000 });
        await page.getByRole('link', { name: 'Commencer ma demande' }).click();
        await page.getByText('Qui je suis').first().waitFor({ timeout: 30_000 });
        await page.getByLabel('Prénom').fill('Inès');
        await page.getByLabel('Nom', { exact: true }).fill('Nouvelle');
        await page.getByText(/Brouillon enregistré/).waitFor({ timeout: 20_000 });
        await screenshot(page, '32-premier-brouillon');
        await page.reload();
        await page.getByText('Qui je suis').first().waitFor({ timeout: 30_000 });
        await expect(page.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Nouvelle');
      } finally {
        await context.close();
        await deleteAccount(email);
      }
    }, 180_000);

    it('a candidate who forgot the password chooses a new one from the e-mail and is signed in with it', async () => {
      const email = throwawayAddress('oubli');
      const oldPassword = strongPassword();
      const { url, headers } = await usersEndpoint();
      const created = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ username: email, email, emailVerified: true, enabled: true, firstName: 'Oubli', lastName: 'Essai', credentials: [{ type: 'password', value: oldPassword, temporary: false }] }),
      });
      expect(created.status).toBe(201);
      const { context, page } = await newPage();
      try {
        await page.goto(`${run.portal.origin}/candidat`);
        await page.getByRole('heading', { level: 1, name: 'Se connecter au guichet' }).waitFor({ timeout: 30_000 });
        await auditedKeycloakPage(page, '33-connexion');
        await readmePicture(page, 'connexion');
        // A wrong password (this throw-away account's, never a demo account's) is said in an alert.
        await page.getByLabel(/^Adresse électronique ou identifiant/).fill(email);
        await page.locator('#password').fill('pas-le-bon-mot-de-passe');
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('Adresse électronique, identifiant ou mot de passe incorrect.');
        await auditedKeycloakPage(page, '33-connexion-erreur');
        await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();

        await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
        await auditedKeycloakPage(page, '34-mot-de-passe-oublie');
        await page.getByLabel(/^Adresse électronique/).fill(email);
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.getByText('Si un compte existe avec cette adresse').waitFor({ timeout: 30_000 });

        const reset = await mailTo(email, /Choisir un nouveau mot de passe/);
        await page.goto(linkIn(reset));
        await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor({ timeout: 30_000 });
        await auditedKeycloakPage(page, '35-nouveau-mot-de-passe');
        const newPassword = strongPassword();
        await page.locator('#password-new').fill(newPassword);
        await page.locator('#password-confirm').fill(newPassword);
        await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();

        await page.getByRole('heading', { level: 1, name: 'Bonjour Oubli Essai' }).waitFor({ timeout: 30_000 });
        await expect(passwordToken(email, newPassword)).resolves.toEqual(expect.any(String));
        await expect(passwordToken(email, oldPassword)).rejects.toThrow(/401/);
      } finally {
        await context.close();
        await deleteAccount(email);
      }
    }, 180_000);
  });
}
