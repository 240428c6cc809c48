import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './harness/accessibility.js';
import { fakeServices } from './harness/fake-services.js';
import { ids } from './harness/fixtures.js';
import { signIn } from './harness/keycloak.js';
import { repoRoot } from './harness/portal-server.js';
import { screenshot } from './harness/screenshots.js';
import type { BrowserRun } from './harness/run.js';

// Every main page of the portal, served by `vite preview`, signed in through the real Keycloak
// login page; the services' answers come from contract-checked fixtures. Each page is
// photographed into test-artifacts/portal/ and audited by axe-core (no serious or critical
// WCAG 2.1 AA violation). Registered by portal.browser.spec.ts.

export function pageSuites(run: BrowserRun): void {
  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await fakeServices(page);
    return { context, page };
  }

  async function visit(page: Page, path: string, heading: string | RegExp, ready?: string): Promise<void> {
    await page.goto(`${run.portal.origin}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 });
    if (ready) await page.getByText(ready).first().waitFor({ timeout: 20_000 });
  }

  /** `PORTAL_README_SCREENSHOTS=1` also writes the README's pictures into docs/screenshots/. */
  async function readmePicture(page: Page, name: 'formulaire' | 'tableau-de-bord'): Promise<void> {
    if (process.env.PORTAL_README_SCREENSHOTS !== '1') return;
    mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `${name}.png`) });
  }

  async function checkPage(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
  }

  describe('public pages', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await newPage()));
    afterAll(() => context.close());

    it('home page', async () => {
      await visit(page, '/', /S’installer comme médecin/);
      await checkPage(page, '01-accueil');
    });

    it('try before filing: each aid with its verdict, reasons and amount', async () => {
      await visit(
        page,
        '/simulation?situation=junior-doctor&specialite=medecine-generale&secteur=1&commune=37072',
        'Simuler mes aides',
        'Aides à Chinon (37500)',
      );
      await expect(page.getByText('Jusqu’à 60 000 € d’aides cumulables').isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: /Contrat d’aide à l’installation des médecins/ }).click();
      await page.getByText('Le secteur 1 est accepté.').waitFor();
      await checkPage(page, '02-simulation');
    });

    it('finds a commune by its postal code', async () => {
      await visit(page, '/simulation', 'Simuler mes aides');
      await page.getByRole('combobox', { name: 'Commune' }).fill('37500');
      await page.getByRole('option', { name: /Chinon \(37500\)/ }).click();
      await expect(page.getByRole('combobox', { name: 'Commune' }).inputValue()).resolves.toBe('Chinon (37500)');
      await page.waitForURL(/commune=37072/);
    });

    it('page not found', async () => {
      await visit(page, '/nulle-part', 'Page introuvable');
      await checkPage(page, '03-page-introuvable');
    });
  });

  describe('candidate area (interne.demo)', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await newPage());
      await page.goto(`${run.portal.origin}/candidat`);
      await page.waitForURL(/openid-connect\/auth/);
      await screenshot(page, '04-connexion-keycloak');
      await signIn(page, 'interne.demo');
    }, 60_000);
    afterAll(() => context.close());

    it('my space lists my requests', async () => {
      await visit(page, '/candidat', /Bonjour/, 'Mes demandes');
      await checkPage(page, '05-espace-candidat');
    });

    it('the form shows its save state and saves as the person types', async () => {
      await visit(page, `/candidat/demande/${ids.draft}`, 'Ma demande d’installation', 'Qui je suis');
      await page.getByLabel('Prénom').fill('Camille-Anne');
      await page.getByText(/Brouillon enregistré à/).waitFor();
      await checkPage(page, '06-formulaire');
      await readmePicture(page, 'formulaire');
    });

    it('shows the contracts’ French message on the faulty field', async () => {
      await visit(page, `/candidat/demande/${ids.draft}`, 'Ma demande d’installation', 'Qui je suis');
      const email = page.getByLabel('Adresse e-mail');
      await email.fill('camille.martin');
      await email.blur();
      await page.getByText('adresse e-mail invalide').waitFor();
      await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
      await page.getByText(/Brouillon gardé sur cet appareil, pas encore enregistré/).waitFor();
      await checkPage(page, '07-formulaire-erreur');
      await email.fill('camille.martin@example.fr');
      await page.getByText(/Brouillon enregistré à/).waitFor();
      await expect(page.getByText('adresse e-mail invalide').count()).resolves.toBe(0);
    });

    it('says a failed save failed, keeps the typing and saves it on retry', async () => {
      await visit(page, `/candidat/demande/${ids.draft}`, 'Ma demande d’installation', 'Qui je suis');
      const draftUrl = `**/api/intake/v1/requests/${ids.draft}`;
      await page.route(draftUrl, (route) => (route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.fallback()));
      try {
        await page.getByLabel('Nom', { exact: true }).fill('Martin-Durand');
        await page.getByText(/Échec de l’enregistrement/).waitFor({ timeout: 10_000 });
        await screenshot(page, '08-formulaire-echec-enregistrement');
      } finally {
        await page.unroute(draftUrl);
      }
      await page.getByRole('button', { name: 'Réessayer maintenant' }).click();
      await page.getByText(/Brouillon enregistré à/).waitFor();
      await expect(page.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Martin-Durand');
    });

    it('review step lists what is missing, with links to each field', async () => {
      await visit(page, `/candidat/demande/${ids.draft}?etape=recapitulatif`, 'Ma demande d’installation', 'Récapitulatif et dépôt');
      await page.getByRole('button', { name: 'Déposer ma demande' }).click();
      await page.getByText(/points? à compléter avant le dépôt/).waitFor();
      await checkPage(page, '09-formulaire-recapitulatif');
    });

    it('status page with the case history', async () => {
      await visit(page, `/candidat/demandes/${ids.submitted}/suivi`, 'Suivi de ma demande', 'Historique');
      await checkPage(page, '10-suivi');
    });

    it('proposals with each bundle’s explanation and aid verdicts', async () => {
      await visit(page, `/candidat/demandes/${ids.submitted}/propositions`, 'Mes propositions', 'Pourquoi cette proposition : score 0,86');
      await page.getByText('Cabinet dans la maison de santé de Chinon —').first().waitFor();
      await checkPage(page, '11-propositions');
    });

    it('my data: export and erasure', async () => {
      await visit(page, '/candidat/mes-donnees', 'Mes données');
      await checkPage(page, '12-mes-donnees');
    });

    it('an expired session says so and offers to sign in again, keeping what was typed', async () => {
      await visit(page, `/candidat/demande/${ids.draft}`, 'Ma demande d’installation', 'Qui je suis');
      const draftUrl = `**/api/intake/v1/requests/${ids.draft}`;
      const unauthorized = { type: 'about:blank', title: 'Non authentifié', status: 401 };
      await page.route(draftUrl, (route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify(unauthorized) })
          : route.fallback(),
      );
      try {
        await page.getByLabel('Prénom').fill('Camila');
        await page.getByRole('heading', { name: 'Votre session a expiré' }).waitFor();
        await expect(page.getByRole('button', { name: 'Se reconnecter' }).isVisible()).resolves.toBe(true);
        await expect(page.getByLabel('Prénom').inputValue()).resolves.toBe('Camila');
        await screenshot(page, '20-session-expiree');
      } finally {
        await page.unroute(draftUrl);
      }
    });
  });

  describe('caseworker area (ars.cvl)', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await newPage());
      await page.goto(`${run.portal.origin}/agent`);
      await signIn(page, 'ars.cvl');
    }, 60_000);
    afterAll(() => context.close());

    it('queue with filters and sort', async () => {
      await visit(page, '/agent', 'File des dossiers', 'Camille Martin');
      await page.getByLabel('Zonage').selectOption('zip');
      await page.waitForURL(/zone=zip/);
      await visit(page, '/agent', 'File des dossiers', 'Camille Martin');
      await checkPage(page, '13-file-des-dossiers');
      await readmePicture(page, 'tableau-de-bord');
    });

    it('case detail with actions, timeline and audit trail', async () => {
      await visit(page, `/agent/dossiers/${ids.cases[0] ?? ''}`, /Camille Martin/, 'Changer le statut');
      await checkPage(page, '14-dossier');
      await page.getByRole('tab', { name: 'Journal d’audit' }).click();
      await page.getByText('Dossier complet, instruction commencée.').waitFor();
      await screenshot(page, '15-dossier-journal');
    });

    it('statistics with charts', async () => {
      await visit(page, '/agent/statistiques', 'Statistiques', 'Dossiers par statut');
      await checkPage(page, '16-statistiques');
    });
  });

  describe('offer publisher area (publisher.37)', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await newPage());
      await page.goto(`${run.portal.origin}/offres`);
      await signIn(page, 'publisher.37');
    }, 60_000);
    afterAll(() => context.close());

    it('my offers', async () => {
      await visit(page, '/offres', 'Mes offres', 'Studio près du centre hospitalier');
      await page.getByText('Retrait impossible : une réservation est en cours.', { exact: false }).waitFor();
      await expect(page.getByRole('button', { name: /Retirer « Colocation de trois chambres à Chinon »/ }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /Retirer « Studio près du centre hospitalier »/ }).count()).resolves.toBe(1);
      await checkPage(page, '17-mes-offres');
    });

    it('publish an offer', async () => {
      await visit(page, '/offres/publier', 'Publier une offre');
      await checkPage(page, '18-publier');
    });

    it('CSV import', async () => {
      await visit(page, '/offres/import', 'Importer des offres depuis un fichier CSV');
      await checkPage(page, '19-import-csv');
    });

    it('logout ends the Keycloak session: the next visit asks to sign in again', async () => {
      await visit(page, '/offres', 'Mes offres');
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { level: 1, name: /S’installer comme médecin/ }).waitFor({ timeout: 20_000 });
      await page.goto(`${run.portal.origin}/offres`);
      await page.waitForURL(/openid-connect\/auth/);
      await expect(page.locator('#username').isVisible()).resolves.toBe(true);
    });
  });
}
