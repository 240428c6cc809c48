import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { signIn } from './harness/keycloak.js';
import type { BrowserRun } from './harness/run.js';
import { screenshot } from './harness/screenshots.js';

// Journeys through the REAL services (intake and matching over Kafka, MongoDB-wire
// and Keycloak): a publisher publishes premises, a candidate files a request and accepts a
// bundle, a caseworker finds the case in the queue and changes its status.

// A name made of letters only (the schema refuses digits in names), new at each run.
const runName = `Parcours ${Array.from(String(Date.now()).slice(-6), (digit) => 'abcdefghij'[Number(digit)]).join('')}`;

export function journeySuite(run: BrowserRun): void {
  describe('journeys through the real services', () => {
    async function signedIn(path: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
      const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
      const page = await context.newPage();
      await page.goto(`${run.portal.origin}${path}`);
      await signIn(page, username);
      return { context, page };
    }

    async function yes(page: Page, question: RegExp): Promise<void> {
      await page.getByRole('group', { name: question }).getByText('Oui', { exact: true }).click();
    }

    async function next(page: Page, title: string): Promise<void> {
      await page.getByRole('button', { name: 'Étape suivante' }).click();
      await page.getByText(title).first().waitFor();
    }

    it('a publisher publishes premises in Loches', async () => {
      const { context, page } = await signedIn('/offres/publier', 'publisher.37');
      await page.getByLabel('Type de local').selectOption('msp-room');
      await page.getByLabel('Titre de l’offre').fill(`Cabinet en maison de santé (${runName})`);
      await page.getByRole('combobox', { name: 'Commune' }).fill('Loches');
      await page.getByRole('option', { name: 'Loches (37600) — Indre-et-Loire', exact: true }).click();
      await page.getByLabel('Surface (m²)').fill('24');
      await page.getByLabel('Loyer mensuel').fill('450');
      await page.getByLabel('Disponible à partir du').fill('2027-01-01');
      await page.getByRole('button', { name: 'Publier l’offre' }).click();
      await page.getByText('Offre publiée').waitFor({ timeout: 20_000 });
      // The form starts again empty, the commune box too, and the next offer is published.
      await expect(page.getByRole('combobox', { name: 'Commune' }).inputValue()).resolves.toBe('');
      await page.getByLabel('Type de local').selectOption('individual-practice');
      await page.getByLabel('Titre de l’offre').fill(`Cabinet individuel (${runName})`);
      await page.getByRole('combobox', { name: 'Commune' }).fill('Chinon');
      await page.getByRole('option', { name: 'Chinon (37500) — Indre-et-Loire', exact: true }).click();
      await page.getByLabel('Surface (m²)').fill('30');
      await page.getByLabel('Loyer mensuel').fill('500');
      await page.getByLabel('Disponible à partir du').fill('01/02/2027');
      await page.getByRole('button', { name: 'Publier l’offre' }).click();
      await page.getByText(`« Cabinet individuel (${runName}) » est visible`, { exact: false }).waitFor({ timeout: 20_000 });
      await expect(page.getByText('L’offre n’a pas été publiée').count()).resolves.toBe(0);
      await expect(page.getByText('champ obligatoire').count()).resolves.toBe(0);
      await context.close();
    }, 120_000);

    it('a candidate goes from login to a submitted request to an accepted bundle', async () => {
      const { context, page } = await signedIn('/candidat/demande', 'interne2.demo');
      await page.getByText('Qui je suis').first().waitFor({ timeout: 30_000 });
      await page.getByLabel('Prénom').fill('Alix');
      await page.getByLabel('Nom', { exact: true }).fill(runName);
      await page.getByLabel('Adresse e-mail').fill('alix.parcours@example.fr');
      await page.getByLabel('Situation actuelle').selectOption('junior-doctor');
      await page.getByLabel('Spécialité').selectOption('medecine-generale');
      await page.getByLabel('Faculté de rattachement').fill('Faculté de médecine de Tours');
      await next(page, 'Mon stage');
      await next(page, 'Où et quand m’installer');
      await page.getByRole('combobox', { name: 'Communes visées' }).fill('Loches');
      await page.getByRole('option', { name: 'Loches (37600) — Indre-et-Loire', exact: true }).click();
      await page.getByLabel('Date d’installation souhaitée').fill('2027-05-01');
      await page.getByLabel('Mode d’exercice envisagé').selectOption('msp');
      await page.getByLabel('Secteur de conventionnement').selectOption('1');
      await next(page, 'Locaux professionnels');
      await page.getByText('Je cherche un local professionnel').click();
      await page.getByLabel('Surface minimale (m²)').fill('20');
      await page.getByLabel('Loyer mensuel maximal').fill('600');
      await page.getByLabel('Disponible à partir du').fill('2027-04-01');
      await next(page, 'Logement');
      await next(page, 'Emploi du conjoint');
      await next(page, 'Aides');
      await yes(page, /connaître les aides/);
      await next(page, 'Consentements');
      for (const question of [/L’ARS peut-elle/, /L’Assurance Maladie/, /L’Ordre des médecins/, /Les collectivités/]) await yes(page, question);
      await next(page, 'Récapitulatif et dépôt');
      // A docteur junior's 4th-year placement is asked on submission: the review says so instead of
      // filing, and leads to it.
      await page.getByText(/Brouillon enregistré/).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Déposer ma demande' }).click();
      await page.getByText('1 point à compléter avant le dépôt').waitFor();
      await page.getByRole('link', { name: 'Mon stage — Stage : champ obligatoire' }).click();
      await page.getByRole('combobox', { name: 'Commune du lieu de stage' }).fill('Loches');
      await page.getByRole('option', { name: 'Loches (37600) — Indre-et-Loire', exact: true }).click();
      await page.getByLabel('Établissement ou cabinet d’accueil').fill('Maison de santé du Lochois');
      await page.getByLabel('Début du stage').fill('2026-11-02');
      await page.getByLabel('Fin du stage').fill('2027-04-30');
      for (const title of ['Où et quand m’installer', 'Locaux professionnels', 'Logement', 'Emploi du conjoint', 'Aides', 'Consentements', 'Récapitulatif et dépôt']) {
        await next(page, title);
      }
      await expect(page.getByText('à compléter avant le dépôt').count()).resolves.toBe(0);
      await page.getByText(/Brouillon enregistré/).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Déposer ma demande' }).click();
      await page.getByRole('heading', { name: 'Votre demande est déposée' }).waitFor({ timeout: 30_000 });
      await screenshot(page, 'parcours-01-demande-deposee');

      const proposals = page.getByRole('link', { name: 'Voir mes propositions' });
      const deadline = Date.now() + 120_000;
      while (!(await proposals.isVisible()) && Date.now() < deadline) {
        await page.waitForTimeout(3000);
        await page.reload();
        await page.getByRole('heading', { name: 'Historique' }).waitFor();
      }
      await proposals.click();
      await page.getByRole('heading', { level: 1, name: 'Mes propositions' }).waitFor();
      await page.getByRole('button', { name: 'Choisir la proposition n° 1' }).click();
      await page.getByRole('button', { name: 'Confirmer mon choix' }).click();
      await page.getByText('C’est noté').waitFor({ timeout: 20_000 });
      await screenshot(page, 'parcours-02-proposition-acceptee');
      await context.close();
    }, 300_000);

    it('a caseworker finds the case in the queue and changes its status with a reason', async () => {
      const { context, page } = await signedIn('/agent?tri=-submittedAt', 'ars.cvl');
      const link = page.getByRole('link', { name: new RegExp(runName) });
      await link.waitFor({ timeout: 30_000 });
      await link.click();
      await page.getByRole('heading', { level: 2, name: 'Changer le statut' }).waitFor();
      // Once the bundle's offers are reserved the desk moves an accepted case on by itself.
      const installing = (await page.getByRole('heading', { level: 1 }).textContent())?.includes('Installation en cours') ?? false;
      const [to, label] = installing ? ['installed', 'Installé(e)'] : ['in_progress', 'Installation en cours'];
      await page.getByLabel('Nouveau statut').selectOption(to);
      await page.getByLabel('Raison (visible dans le journal)').fill('Bail du cabinet signé, installation constatée.');
      await page.getByRole('button', { name: 'Changer le statut' }).click();
      await page.getByText(`Statut changé : ${label}.`).waitFor({ timeout: 20_000 });
      await page.getByRole('heading', { level: 1, name: new RegExp(label.replace(/[()]/g, '\\$&')) }).waitFor();
      await page.getByRole('tab', { name: 'Journal d’audit' }).click();
      await page.getByText('Bail du cabinet signé, installation constatée.').waitFor();
      await screenshot(page, 'parcours-03-statut-change');
      await context.close();
    }, 120_000);
  });
}
