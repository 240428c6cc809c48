import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './harness/accessibility.js';
import { fakeServices } from './harness/fake-services.js';
import * as fixtures from './harness/fixtures.js';
import { ids } from './harness/fixtures.js';
import { signIn } from './harness/keycloak.js';
import { readmePicture, screenshot } from './harness/screenshots.js';
import type { BrowserRun } from './harness/run.js';

// Every main page of the portal, served by `vite preview`, signed in through the real Keycloak
// login page; the services' answers come from contract-checked fixtures. Each page is
// photographed into test-artifacts/portal/ and audited by axe-core (no serious or critical
// WCAG 2.1 AA violation). Registered by portal.browser.spec.ts.

export function pageSuites(run: BrowserRun): void {
  async function newPage(locale = 'fr-FR'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    const page = await context.newPage();
    await fakeServices(page);
    return { context, page };
  }

  async function visit(page: Page, path: string, heading: string | RegExp, ready?: string): Promise<void> {
    await page.goto(`${run.portal.origin}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 });
    if (ready) await page.getByText(ready).first().waitFor({ timeout: 20_000 });
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
      await expect(page.getByText('2 aides ouvertes, 1 aide à préciser').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Montant estimé des aides cumulables : jusqu’à 60 000 €').isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: /Contrat d’aide à l’installation des médecins/ }).click();
      await page.getByText('Le secteur 1 est accepté.').waitFor();
      await checkPage(page, '02-simulation');
    });

    it('the aids headline counts open aids and aids to clarify, and shows no sum when none is estimable', async () => {
      await page.route('**/api/matching/v1/simulations', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fixtures.eligibilityWithoutEstimate) }),
      );
      try {
        await visit(page, '/simulation?situation=intern&specialite=medecine-generale&commune=37072', 'Simuler mes aides', 'Aides à Chinon (37500)');
        await page.getByText('1 aide ouverte, 1 aide à préciser').waitFor();
        await expect(page.locator('.fr-callout').first().textContent()).resolves.not.toMatch(/(^|\D)0\s€/);
        await expect(page.getByText('Montant estimé des aides cumulables', { exact: false }).count()).resolves.toBe(0);
      } finally {
        await page.unroute('**/api/matching/v1/simulations');
      }
    });

    it('skip links reach their targets; the footer leads to the accessibility, legal notice and personal-data pages', async () => {
      await visit(page, '/', /S’installer comme médecin/);
      const anchors = await page.locator('.fr-skiplinks a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(anchors).toContain('#menu-principal');
      const missing = await page.evaluate((hrefs) => hrefs.filter((href) => !document.querySelector(href)), anchors);
      expect(missing).toEqual([]);
      for (const [link, heading, name] of [
        [/Accessibilité/, 'Déclaration d’accessibilité', '21-accessibilite'],
        ['Mentions légales', 'Mentions légales', '22-mentions-legales'],
        ['Données personnelles', 'Données personnelles', '23-donnees-personnelles'],
      ] as const) {
        await page.locator('#pied-de-page').getByRole('link', { name: link }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await checkPage(page, name);
      }
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
      await expect(page.evaluate(() => JSON.stringify({ ...localStorage }))).resolves.not.toMatch(/Camille|Martin|example\.fr/);
      await checkPage(page, '06-formulaire');
      await readmePicture(page, 'formulaire');
    });

    it('says once, where the form opens, that unsaved entries were found again, and not on the later steps', async () => {
      const draftUrl = `**/api/intake/v1/requests/${ids.draft}`;
      await page.route(draftUrl, (route) => (route.request().method() === 'PUT' ? route.fulfill({ status: 503, body: '' }) : route.fallback()));
      try {
        await visit(page, `/candidat/demande/${ids.draft}`, 'Ma demande d’installation', 'Qui je suis');
        await Promise.all([page.waitForRequest((request) => request.method() === 'PUT'), page.getByLabel('Prénom').fill('Maëlle')]);
        await page.getByRole('link', { name: 'Mon espace' }).click();
        await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
        await page.getByRole('link', { name: 'Ma demande', exact: true }).click();
        const restored = page.getByText('Des saisies qui n’avaient pas encore été enregistrées ont été retrouvées et reprises', { exact: false });
        await restored.waitFor();
        await expect(page.getByLabel('Prénom').inputValue()).resolves.toBe('Maëlle');
        await page.getByRole('button', { name: 'Étape suivante' }).click();
        await page.getByText('Mon stage').first().waitFor();
        await expect(restored.count()).resolves.toBe(0);
        await page.getByRole('button', { name: 'Étape précédente' }).click();
        await page.getByLabel('Prénom').waitFor();
        await expect(restored.count()).resolves.toBe(0);
      } finally {
        await page.unroute(draftUrl);
      }
    });

    it('shows the contracts’ French message on the faulty field', async () => {
      await visit(page, `/candidat/demande/${ids.draft}`, 'Ma demande d’installation', 'Qui je suis');
      const email = page.getByLabel('Adresse e-mail');
      await email.fill('camille.martin');
      await email.blur();
      await page.getByText('adresse e-mail invalide').waitFor();
      await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
      await page.getByText(/Brouillon pas encore enregistré/).waitFor();
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
      const stepper = page.getByRole('list', { name: 'Étapes du formulaire' });
      await expect(stepper.getByRole('listitem').count()).resolves.toBe(9);
      await expect(stepper.locator('[aria-current="step"]').textContent()).resolves.toContain('Récapitulatif et dépôt');
      await checkPage(page, '09-formulaire-recapitulatif');
    });

    it('the review page lists every answer in words, départements by name', async () => {
      const answered = {
        ...fixtures.draft,
        data: {
          ...fixtures.draft.data,
          targets: { communes: ['37072'], departements: ['36'], radiusKm: 15 },
          practice: { mode: 'msp', daysPerWeek: 4 },
          needs: { housing: { from: '2027-04-01', until: '2027-09-30', people: 2 } },
        },
      };
      const draftUrl = `**/api/intake/v1/requests/${ids.draft}`;
      await page.route(draftUrl, (route) =>
        route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answered), headers: { ETag: '"3"' } }) : route.fallback(),
      );
      try {
        await visit(page, `/candidat/demande/${ids.draft}?etape=recapitulatif`, 'Ma demande d’installation', 'Récapitulatif et dépôt');
        const answer = async (label: string) => (await page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').first().textContent())?.trim();
        await expect(answer('Téléphone')).resolves.toBe('06 12 34 56 78');
        await expect(answer('Faculté de rattachement')).resolves.toBe('Faculté de médecine de Tours');
        await expect(answer('Départements visés')).resolves.toBe('Indre (36)');
        await expect(answer('Rayon de recherche')).resolves.toBe('15 km');
        await expect(answer('Jours d’exercice libéral par semaine')).resolves.toBe('4');
        await expect(answer('Date d’entrée dans le logement')).resolves.toBe('1 avril 2027');
        await expect(answer('Personnes à loger')).resolves.toBe('2');
      } finally {
        await page.unroute(draftUrl);
      }
    });

    it('going back a step shows the communes by name at once, never their INSEE codes', async () => {
      const targeted = { ...fixtures.draft, data: { ...fixtures.draft.data, targets: { communes: ['37072', '36044'] } } };
      const draftUrl = `**/api/intake/v1/requests/${ids.draft}`;
      await page.route(draftUrl, (route) =>
        route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(targeted), headers: { ETag: '"3"' } }) : route.fallback(),
      );
      try {
        await visit(page, `/candidat/demande/${ids.draft}?etape=installation`, 'Ma demande d’installation', 'Chinon (37500)');
        await page.getByRole('button', { name: 'Étape suivante' }).click();
        await page.getByText('Je cherche un local professionnel').waitFor();
        await page.evaluate(() => {
          const seen: string[] = [];
          (window as unknown as { seenCodes: string[] }).seenCodes = seen;
          new MutationObserver((records) => {
            for (const record of records) {
              const texts = [record.oldValue ?? '', record.target.textContent ?? '', ...Array.from(record.addedNodes, (node) => node.textContent ?? '')];
              for (const text of texts) if (/37072|36044/.test(text)) seen.push(text);
            }
          }).observe(document.body, { childList: true, subtree: true, characterData: true, characterDataOldValue: true });
        });
        await page.getByRole('button', { name: 'Étape précédente' }).click();
        await page.getByText('Chinon (37500)').first().waitFor();
        await expect(page.evaluate(() => (window as unknown as { seenCodes: string[] }).seenCodes)).resolves.toEqual([]);
      } finally {
        await page.unroute(draftUrl);
      }
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

    it('a proposal set with no bundle says so: no « à vous de jouer », nothing to choose or refuse', async () => {
      const proposalsUrl = `**/api/intake/v1/requests/${ids.submitted}/proposals`;
      const empty = { ...fixtures.proposals, bundles: [], noBundleReason: 'Aucun local disponible à moins de 20 km de Chinon.' };
      await page.route(proposalsUrl, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(empty) }));
      try {
        await visit(page, `/candidat/demandes/${ids.submitted}/suivi`, 'Suivi de ma demande', 'Historique');
        await page.getByText('Aucune proposition pour le moment').first().waitFor();
        await expect(page.getByText(/à vous de jouer/).count()).resolves.toBe(0);
        await expect(page.getByText('Propositions disponibles', { exact: true }).count()).resolves.toBe(0);
        await visit(page, `/candidat/demandes/${ids.submitted}/propositions`, 'Mes propositions', 'Aucun local disponible');
        await expect(page.getByRole('button', { name: 'Refuser toutes les propositions' }).count()).resolves.toBe(0);
      } finally {
        await page.unroute(proposalsUrl);
      }
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

  describe('candidate in a browser set to English (interne.demo)', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await newPage('en-US'));
      await page.goto(`${run.portal.origin}/candidat`);
      await signIn(page, 'interne.demo');
    }, 60_000);
    afterAll(() => context.close());

    it('a date typed as the JJ/MM/AAAA hint says is stored day first', async () => {
      await visit(page, `/candidat/demande/${ids.draft}?etape=installation`, 'Ma demande d’installation', 'Quand et comment ?');
      const saved = page.waitForRequest((request) => request.method() === 'PUT' && JSON.stringify(request.postDataJSON() ?? {}).includes('desiredInstallationDate'));
      await page.getByLabel('Date d’installation souhaitée').click();
      await page.keyboard.type('01/05/2027');
      const body = (await saved).postDataJSON() as { desiredInstallationDate?: string };
      expect(body.desiredInstallationDate).toBe('2027-05-01');
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
      const communeFiles: string[] = [];
      page.on('request', (request) => {
        if (/\/communes(\.json|\/)/.test(request.url())) communeFiles.push(new URL(request.url()).pathname);
      });
      await visit(page, '/agent', 'File des dossiers', 'Camille Martin');
      // The dashboard loads its région's départements, not the national list of 1.6 MB.
      await page.getByRole('cell', { name: 'Indre-et-Loire (37)' }).first().waitFor();
      // The zone of each commune the request targets, from matching's zoning in force today.
      await page.getByRole('cell', { name: /^Communes visées : ZIP \(Chinon.*\), ZAC \(Loches.*\)/ }).waitFor();
      await expect(page.getByText('Zone non déterminée : demande par département, sans commune visée', { exact: true }).count()).resolves.toBe(3);
      expect(communeFiles).not.toContain('/communes.json');
      expect(communeFiles).toContain('/communes/37.json');
      await page.getByLabel('Zone de la meilleure proposition').selectOption('zip');
      await page.waitForURL(/zone=zip/);
      await visit(page, '/agent', 'File des dossiers', 'Camille Martin');
      await checkPage(page, '13-file-des-dossiers');
      await readmePicture(page, 'tableau-de-bord');
    });

    it('the queue names each zone it shows and the one its zone filter reads', async () => {
      await visit(page, '/agent', 'File des dossiers', 'Camille Martin');
      // Waits for what the caseworker ends up reading: the zoning and the communes' names come after the lines.
      const zoneCell = (name: string, text: RegExp) =>
        page
          .getByRole('row', { name: new RegExp(`^${name} `) })
          .getByRole('cell')
          .nth(5)
          .filter({ hasText: text });
      // The targeted communes' zones (matching's zoning today) and, apart, the best proposal's zone the filter reads.
      await zoneCell('Camille Martin', /^Communes visées : ZIP \(Chinon.*\), ZAC \(Loches.*\)\s+Meilleure proposition : ZIP$/).waitFor();
      await zoneCell('Yanis Bernard', /^Zone non déterminée : demande par département, sans commune visée\s+Meilleure proposition : ZAC$/).waitFor();
      // A docteur junior: the placement commune's zone, from matching's zoning, with the period.
      await zoneCell(
        'Hugo Moreau',
        /^Zone non déterminée : demande par département, sans commune visée\s+Lieu de stage : ZIP \(Le Blanc \(36300\)\), du 2 nov\. 2026 au 2 mai 2027\s+Meilleure proposition : ZIP$/,
      ).waitFor();
      await expect(page.getByText(/Lieu de stage/).count()).resolves.toBe(1);
      // The filter says what it filters on.
      await expect(page.getByRole('combobox', { name: /^Zone de la meilleure proposition/ }).count()).resolves.toBe(1);
      await page.getByText('Le zonage le plus favorable des ensembles proposés, ni celui des communes visées ni celui d’un lieu de stage').waitFor();
    });

    it('case detail with actions, timeline and audit trail', async () => {
      await visit(page, `/agent/dossiers/${ids.cases[0] ?? ''}`, /Camille Martin/, 'Changer le statut');
      await checkPage(page, '14-dossier');
      await page.getByRole('tab', { name: 'Journal d’audit' }).click();
      await page.getByText('Dossier complet, instruction commencée.').waitFor();
      // The caseworker's words, from the dictionary the service's messages use: no action code, no field path.
      const journal = page.getByRole('table', { name: 'Journal d’audit (non modifiable)' });
      await journal.getByRole('row', { name: /Agnès Centre-Val-de-Loire \(Instructeur ARS\) Statut changé Dossier complet, instruction commencée\. Statut du dossier/ }).waitFor();
      await journal.getByRole('row', { name: /\(Candidat\) Demande modifiée — Début du logement, loyer maximal du logement/ }).waitFor();
      await journal.getByRole('row', { name: /\(Candidat\) Demande déposée/ }).waitFor();
      // An agent the case knows only through the entry: by the name it kept, never by role alone.
      await journal.getByRole('row', { name: /Bruno Indre \(Instructeur ARS\) .*Pouvez-vous joindre votre attestation de stage/ }).waitFor();
      await expect(journal.textContent()).resolves.not.toMatch(/update-request|change-status|data\.|[0-9a-f]{8}\)/);
      // The proposals tab: each bundle with why it ranks where it does.
      await page.getByRole('tab', { name: 'Propositions' }).click();
      const bundles = page.getByRole('table', { name: 'Ensembles proposés' });
      await bundles.getByRole('row', { name: /Proximité du lieu visé : 95 % \(poids 40 %\).*Cabinet dans la maison de santé de Chinon/ }).waitFor();
      await screenshot(page, '15-dossier-journal');
    });

    it('on a phone the filters are folded: the first case shows without scrolling', async () => {
      const phone = await run.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
      const small = await phone.newPage();
      try {
        await fakeServices(small);
        await small.goto(`${run.portal.origin}/agent`);
        await signIn(small, 'ars.cvl');
        await small.getByRole('heading', { level: 1, name: 'File des dossiers' }).waitFor({ timeout: 20_000 });
        const first = small.getByRole('link', { name: 'Camille Martin' });
        await first.waitFor();
        const box = await first.boundingBox();
        expect(box && box.y + box.height).toBeLessThan(844);
        const toggle = small.getByRole('button', { name: /^Filtres et tri/ });
        await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
        await expect(small.getByLabel('Département').isVisible()).resolves.toBe(false);
        await toggle.click();
        await small.getByLabel('Département').waitFor();
        await expect(small.getByRole('button', { name: 'Masquer les filtres' }).getAttribute('aria-expanded')).resolves.toBe('true');
      } finally {
        await phone.close();
      }
    }, 60_000);

    it('offers only the actions the case’s state allows, and says what is wrong only once the agent tried', async () => {
      await visit(page, `/agent/dossiers/${ids.cases[0] ?? ''}`, /Camille Martin/, 'Changer le statut');
      await page.getByRole('heading', { name: 'Demander une information au candidat' }).waitFor();
      await expect(page.getByText('choisissez un statut').count()).resolves.toBe(0);
      await expect(page.getByText('champ obligatoire').count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Changer le statut' }).click();
      await page.getByText('choisissez un statut').waitFor();
      const withProposals = { ...fixtures.caseDetail, request: { ...fixtures.caseDetail.request, status: 'proposals_ready' } };
      const detailUrl = `**/api/intake/v1/cases/${ids.cases[0] ?? ''}`;
      await page.route(detailUrl, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(withProposals), headers: { ETag: '"5"' } }));
      try {
        await visit(page, `/agent/dossiers/${ids.cases[0] ?? ''}`, /Camille Martin/, 'Changer le statut');
        // Waiting on the candidate's choice: the desk may take the case back or close it, not ask a question.
        await expect(page.getByRole('heading', { name: 'Demander une information au candidat' }).count()).resolves.toBe(0);
        const options = await page.getByLabel('Nouveau statut').locator('option').allTextContents();
        expect(options).toEqual(['Choisir', 'En cours d\'instruction', 'Clos']);
      } finally {
        await page.unroute(detailUrl);
      }
    });

    it('statistics computed by the service, as charts with their data, and their open-data export', async () => {
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await visit(page, '/agent/statistiques', 'Statistiques', 'Demandes par statut');
      await page.getByText('142 demandes reçues').waitFor();
      await page.getByText('Centre-Val de Loire', { exact: false }).first().waitFor();
      await page.getByText('Médiane : 6,5 jours (87 dossiers)').waitFor();
      await page.getByText('Médiane : 74 jours (61 dossiers)').waitFor();
      await page.getByRole('heading', { name: 'Attente imputable au guichet (temps du candidat exclu)' }).waitFor();
      await page.getByText('Médiane : 9 jours (142 dossiers)').waitFor();
      for (const title of ['Demandes par statut', 'Demandes par mode d’exercice envisagé', 'Installations par zone', 'Offres pourvues par nature']) {
        await expect(page.getByRole('img', { name: new RegExp(title) }).count()).resolves.toBe(1);
      }
      await page.getByText('Voir les données de « Installations par zone »').click();
      await page.getByRole('row', { name: 'Zone d\'intervention prioritaire (ZIP) 39' }).waitFor();
      // Figures from the service, never computed from the queue in the browser.
      expect(asked.filter((path) => path.endsWith('/v1/cases'))).toEqual([]);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger les données ouvertes (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^guichet-resultats-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await new Promise<string>((resolve, reject) => {
        void download.createReadStream().then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', reject);
        });
      });
      expect(csv).toContain('demandes-par-statut;withdrawn;Demandes par statut : Retiré;;;secret statistique : moins de 11 personnes');
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
      // The true total, and the offers past the first page one click away.
      await page.getByText('54 offres — page 1 sur 2').waitFor();
      await page.getByRole('button', { name: 'Page suivante' }).click();
      await page.getByRole('cell', { name: 'Cabinet publié en dernier à Loches', exact: true }).waitFor();
      await page.getByText('54 offres — page 2 sur 2').waitFor();
      await expect(page.getByRole('button', { name: 'Page suivante' }).count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Page précédente' }).click();
      await page.getByText('54 offres — page 1 sur 2').waitFor();
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
