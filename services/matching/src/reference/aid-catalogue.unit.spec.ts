import { describe, expect, it } from '@jest/globals';
import { validateAidScheme, type AidCriterion, type AidScheme } from '@guichet/contracts';
import { aidCatalogue, seedCatalogue } from '../../test/reference-files.js';
import { CONDITION_CRITERIA } from './aid-catalogue-conditions.js';
import { convertAidCatalogue, mergeCriteria, type SeedAidScheme } from './aid-catalogue.js';

const seed = seedCatalogue() as SeedAidScheme[];
const catalogue = aidCatalogue();
const byId = new Map(catalogue.map((s) => [s.id, s]));
const scheme = (id: string): AidScheme => {
  const found = byId.get(id);
  if (!found) throw new Error(`no scheme ${id}`);
  return found;
};
const criterion = <K extends AidCriterion['kind']>(id: string, kind: K) =>
  scheme(id).criteria.find((c): c is Extract<AidCriterion, { kind: K }> => c.kind === kind);

describe('aid catalogue conversion', () => {
  it('converts every seeded scheme, once, in seed order', () => {
    expect(catalogue.map((s) => s.id)).toEqual(seed.map((s) => s.id));
    expect(new Set(catalogue.map((s) => s.id)).size).toBe(seed.length);
  });

  it('produces schemes that validate against the AidScheme contract', () => {
    for (const s of catalogue) {
      const result = validateAidScheme(s);
      expect({ id: s.id, ok: result.ok, errors: result.ok ? [] : result.errors }).toEqual({ id: s.id, ok: true, errors: [] });
    }
  });

  it('reads every condition of the seed (none is left unread)', () => {
    const unknown = seed.flatMap((s) => s.conditions).filter((c) => !(c in CONDITION_CRITERIA));
    expect(unknown).toEqual([]);
  });

  it('refuses a condition it does not know', () => {
    const [first] = seed as [SeedAidScheme];
    expect(() => convertAidCatalogue([{ ...first, conditions: ['lives-on-the-moon'] }])).toThrow(/unknown condition lives-on-the-moon/);
  });

  it('keeps the sourced signing windows: closed State contracts, CDE, 2016 convention contracts, 2026 aids (domain facts §9)', () => {
    const windows = Object.fromEntries(
      ['ptmg', 'ptma', 'ptmr', 'contrat-debut-exercice', 'caim', 'coscom', 'cotram', 'cstm', 'aide-primo-installation-zip', 'aide-primo-installation-zac', 'aide-cabinet-secondaire-zip'].map((id) => [
        id,
        [scheme(id).validFrom, scheme(id).validUntil],
      ]),
    );
    expect(windows).toEqual({
      ptmg: [null, '2021-03-31'],
      ptma: [null, '2021-03-31'],
      ptmr: [null, '2021-03-31'],
      'contrat-debut-exercice': ['2021-04-01', '2023-12-31'],
      caim: [null, '2025-12-31'],
      coscom: [null, '2025-12-31'],
      cotram: [null, '2025-12-31'],
      cstm: [null, '2025-12-31'],
      'aide-primo-installation-zip': ['2026-01-01', null],
      'aide-primo-installation-zac': ['2026-01-01', null],
      'aide-cabinet-secondaire-zip': ['2026-01-01', null],
    });
  });

  it('dates the State housing allowance from decree 2018-571 in force in November 2018 [004:347-349, 004:610]', () => {
    expect(scheme('indemnite-hebergement-internes-zone-sous-dense').validFrom).toBe('2018-11-01');
  });

  it('reads the zone rules: Assurance Maladie contracts ZIP only, State and local aids ZIP or ZAC (domain facts §1.1)', () => {
    for (const id of ['caim', 'coscom', 'cotram', 'cstm']) expect(criterion(id, 'zone')?.accepted).toEqual(['zip']);
    for (const id of ['ptmg', 'ptma', 'ptmr', 'cesp', 'aide-installation-collectivite', 'indemnite-logement-deplacement-stage-collectivite']) {
      expect(criterion(id, 'zone')?.accepted).toEqual(['zip', 'zac']);
    }
    expect(criterion('exoneration-ir-permanence-des-soins', 'zone')?.accepted).toEqual(['zip']);
    expect(criterion('pias', 'special-zone')?.zone).toBe('isolated-mountain');
    expect(criterion('exoneration-cfe-cabinet-secondaire', 'special-zone')?.zone).toBe('cfe-commune');
  });

  it('makes the 2026 ZAC aid ZAC only and the CDE accept a commune within 10 km of a zone', () => {
    expect(criterion('aide-primo-installation-zac', 'zone')).toEqual({ kind: 'zone', accepted: ['zac'] });
    expect(criterion('aide-primo-installation-zip', 'zone')).toEqual({ kind: 'zone', accepted: ['zip'] });
    expect(criterion('contrat-debut-exercice', 'zone')).toEqual({ kind: 'zone', accepted: ['zip', 'zac'], withinKm: 10 });
  });

  it('applies the ten-year rule to installation aids of the Assurance Maladie and local authorities, not to State contracts (décret 2025-231)', () => {
    const withRule = catalogue.filter((s) => s.criteria.some((c) => c.kind === 'previous-aid')).map((s) => s.id);
    expect(withRule).toEqual(
      expect.arrayContaining(['caim', 'aide-installation-collectivite', 'aide-primo-installation-zip', 'aide-primo-installation-zac', 'accim-ardenne-rives-de-meuse', 'subvention-installation-oise']),
    );
    expect(withRule).not.toContain('ptmg');
    expect(criterion('aide-primo-installation-zip', 'previous-aid')).toEqual({ kind: 'previous-aid', category: 'installation', years: 10, appliesFrom: '2025-03-12' });
  });

  it('reads CAIM as the seed states it: sector 1 or OPTAM, recent or planned installation, coordination, 2.5 days, PDSA, 5 years not renewable [001:2840-2850]', () => {
    expect(scheme('caim').criteria).toEqual(
      expect.arrayContaining([
        { kind: 'sector', sectors: ['1', '2-optam'] },
        { kind: 'installation-stage', firstInstallationOnly: false, maxMonthsSinceInstallation: 12 },
        { kind: 'coordinated-practice' },
        { kind: 'activity', minHalfDaysPerWeek: 5 },
        { kind: 'on-call' },
        { kind: 'commitment', years: 5, renewable: false },
      ]),
    );
  });

  it('leaves the COSCOM sector open to every conventioned doctor [001:2853-2859]', () => {
    expect(criterion('coscom', 'sector')?.sectors).toEqual(['1', '2-optam', '2']);
  });

  it('merges the three internship conditions of the transport allowance into one criterion [001:1134-1137]', () => {
    expect(criterion('indemnite-transport-stage-ambulatoire', 'internship-placement')).toEqual({
      kind: 'internship-placement',
      ambulatory: true,
      minKmFromChu: 15,
      minKmFromHome: 15,
    });
    expect(criterion('indemnite-hebergement-internes-zone-sous-dense', 'internship-placement')).toEqual({
      kind: 'internship-placement',
      ambulatory: true,
      minKmFromChu: 30,
      minKmFromHome: 30,
    });
  });

  it('restricts local schemes to their funder territory', () => {
    expect(criterion('bourse-etudes-vienne', 'territory')).toEqual({ kind: 'territory', departements: ['86'] });
    expect(criterion('aide-mobilite-hauts-de-france', 'territory')).toEqual({ kind: 'territory', regions: ['32'] });
    expect(criterion('guichet-unique-loir-et-cher', 'territory')).toEqual({ kind: 'territory', departements: ['41'] });
  });

  it('keeps non-cumulation symmetric enough to be found from either side (PTMG / PTMA [001:2886])', () => {
    expect(scheme('ptmg').notCumulableWith).toContain('ptma');
    expect(scheme('ptma').notCumulableWith).toContain('ptmg');
    const ids = new Set(catalogue.map((s) => s.id));
    const dangling = catalogue.flatMap((s) => s.notCumulableWith.filter((other) => !ids.has(other)).map((other) => `${s.id} -> ${other}`));
    expect(dangling).toEqual([]);
  });

  it('marks the 2007 fee supplement as superseded and the 2010-only schemes as historical', () => {
    expect(criterion('majoration-honoraires-zone-deficitaire-2007', 'superseded')).toBeDefined();
    expect(scheme('bourse-stage-lozere').confidence).toBe('historical');
    expect(scheme('caim').confidence).toBe('stated');
  });

  it('never proposes the cumul emploi-retraite exemption to anyone but retired doctors', () => {
    expect(criterion('exoneration-cotisations-cumul-emploi-retraite', 'audience')?.statuses).toEqual(['retired-doctor']);
  });

  it('carries amounts in cents with their reading: one-off, monthly, yearly, caps', () => {
    expect(scheme('aide-primo-installation-zip').amount.payments).toEqual([{ period: 'once', amount: { amountCents: 1_000_000, currency: 'EUR' }, upTo: false }]);
    expect(scheme('coscom').amount.payments[0]).toEqual({ period: 'year', amount: { amountCents: 500_000, currency: 'EUR' }, upTo: false });
    expect(scheme('indemnite-logement-deplacement-stage-collectivite').amount.capPerYear).toEqual({ amountCents: 510_000, currency: 'EUR' });
    expect(scheme('aide-mobilite-hauts-de-france').amount.payments).toEqual([]);
    expect(scheme('wanted-jeunes-medecins-allier').amount.payments.map((p) => [p.amount.amountCents, p.count])).toEqual([
      [70_000, 12],
      [100_000, 12],
      [150_000, 12],
    ]);
  });

  it('counts only professional aids as the candidate\'s: MSP and centre funding goes to the structure', () => {
    expect(catalogue.filter((s) => s.beneficiary === 'structure').map((s) => s.id)).toEqual(['dispositif-400-medecins', 'aci-msp', 'msp-indre-cabinets-secondaires', 'msp-haute-savoie']);
  });
});

describe('criteria merging', () => {
  it('intersects zone requirements and keeps the distance allowance', () => {
    expect(mergeCriteria([{ kind: 'zone', accepted: ['zip', 'zac'] }, { kind: 'zone', accepted: ['zac'] }])).toEqual([{ kind: 'zone', accepted: ['zac'] }]);
  });

  it('refuses zone requirements with nothing in common', () => {
    expect(() => mergeCriteria([{ kind: 'zone', accepted: ['zip'] }, { kind: 'zone', accepted: ['zac'] }])).toThrow(/common zone/);
  });

  it('keeps distinct items to confirm and orders criteria by kind', () => {
    const merged = mergeCriteria([
      { kind: 'to-confirm', code: 'a', message: 'a' },
      { kind: 'audience', statuses: ['intern'] },
      { kind: 'to-confirm', code: 'b', message: 'b' },
      { kind: 'to-confirm', code: 'a', message: 'a' },
    ]);
    expect(merged.map((c) => (c.kind === 'to-confirm' ? c.code : c.kind))).toEqual(['audience', 'a', 'b']);
  });
});
