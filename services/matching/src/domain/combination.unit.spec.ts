import { describe, expect, it } from '@jest/globals';
import type { AidScheme, EligibilityVerdict } from '@guichet/contracts';
import { catalogue, gpIntern, juniorGp, placeIn } from '../../test/eligibility-fixtures.js';
import { bestCombination } from './combination.js';
import { evaluateEligibility } from './eligibility.js';

function scheme(id: string, overrides: Partial<AidScheme> = {}): AidScheme {
  return {
    id,
    version: 1,
    name: `Aide ${id}`,
    acronym: null,
    funder: 'commune',
    kind: 'lump-sum',
    category: 'installation',
    beneficiary: 'professional',
    dateBasis: 'installation',
    validFrom: null,
    validUntil: null,
    commitmentYears: null,
    criteria: [],
    amount: { nature: 'grant', payments: [], paidOver: 'commitment', note: '' },
    notCumulableWith: [],
    exclusiveGroups: [],
    confidence: 'stated',
    ...overrides,
  };
}

function eligible(id: string, euros: number | null): EligibilityVerdict {
  return {
    schemeId: id,
    schemeVersion: 1,
    schemeName: `Aide ${id}`,
    funder: 'commune',
    category: 'installation',
    status: 'eligible',
    evaluatedOn: '2026-11-02',
    dateBasis: 'installation',
    reasons: [{ criterion: 'validity', code: 'within-validity-window', outcome: 'met', params: {}, message: '' }],
    amount: { estimated: euros === null ? null : { amountCents: euros * 100, currency: 'EUR' }, basis: euros === null ? 'not-estimable' : 'exact', months: null, message: '' },
    hint: null,
  };
}

describe('bestCombination', () => {
  it('keeps everything when nothing conflicts, and totals the amounts', () => {
    const result = bestCombination([eligible('a', 1000), eligible('b', 2000)], [scheme('a'), scheme('b')]);
    expect(result.schemeIds).toEqual(['a', 'b']);
    expect(result.total).toEqual({ amountCents: 300_000, currency: 'EUR' });
    expect(result.excluded).toEqual([]);
  });

  it('never proposes two non-cumulable schemes together; keeps the one worth more and says why', () => {
    const result = bestCombination([eligible('a', 1000), eligible('b', 5000)], [scheme('a', { notCumulableWith: ['b'] }), scheme('b')]);
    expect(result.schemeIds).toEqual(['b']);
    expect(result.excluded).toEqual([
      { schemeId: 'a', conflictsWith: 'b', message: '« Aide a » n\'est pas cumulable avec « Aide b » : retenu car plus avantageux (5\u00a0000\u00a0€ contre 1\u00a0000\u00a0€).' },
    ]);
  });

  it('reads non-cumulation from either side and from shared exclusive groups', () => {
    const fromOtherSide = bestCombination([eligible('a', 1000), eligible('b', 500)], [scheme('a'), scheme('b', { notCumulableWith: ['a'] })]);
    expect(fromOtherSide.schemeIds).toEqual(['a']);
    const grouped = bestCombination([eligible('a', 1000), eligible('b', 500)], [scheme('a', { exclusiveGroups: ['g'] }), scheme('b', { exclusiveGroups: ['g'] })]);
    expect(grouped.schemeIds).toEqual(['a']);
  });

  it('maximises the total, not the single largest aid: two smaller compatible aids beat one larger that excludes both', () => {
    const schemes = [scheme('big', { notCumulableWith: ['small1', 'small2'] }), scheme('small1'), scheme('small2')];
    const result = bestCombination([eligible('big', 6000), eligible('small1', 4000), eligible('small2', 3000)], schemes);
    expect(result.schemeIds).toEqual(['small1', 'small2']);
    expect(result.total.amountCents).toBe(700_000);
    expect(result.excluded[0]!.message).toContain('la combinaison retenue rapporte davantage au total');
  });

  it('ignores schemes that are not eligible and aids paid to a structure', () => {
    const notEligible = { ...eligible('c', 9000), status: 'needs-information' as const };
    const result = bestCombination([eligible('a', 1000), notEligible, eligible('msp', 70000)], [scheme('a'), scheme('c'), scheme('msp', { beneficiary: 'structure' })]);
    expect(result.schemeIds).toEqual(['a']);
    expect(result.message).toContain("1 aide versée à la structure d'exercice (MSP, centre de santé) non comptée dans ce montant.");
  });

  it('breaks ties deterministically: more schemes, then alphabetical ids', () => {
    const tie = bestCombination([eligible('b', 1000), eligible('a', 1000)], [scheme('a', { notCumulableWith: ['b'] }), scheme('b')]);
    expect(tie.schemeIds).toEqual(['a']);
    expect(tie.excluded[0]!.message).toContain('retenu à montant égal');
  });

  it('never tells a total of 0 € when the retained schemes have no estimate, and says which ones the total leaves out', () => {
    const none = bestCombination([eligible('a', null), eligible('b', null)], [scheme('a'), scheme('b')]);
    expect(none.total.amountCents).toBe(0);
    expect(none.message).not.toContain('0\u00a0€');
    expect(none.message).toContain('montant non estimable à ce stade');
    const some = bestCombination([eligible('a', 5000), eligible('b', null)], [scheme('a'), scheme('b')]);
    expect(some.message).toContain('5\u00a0000\u00a0€ sur la durée des engagements, hors 1 dispositif au montant non estimable.');
  });

  it('headline: counts open aids and aids to clarify apart, and gives no sum when the open aids have no estimate (issue: « Jusqu\'à 0 € » above a 5 000 € aid « à préciser »)', () => {
    const toClarify = { ...eligible('c', 5000), status: 'needs-information' as const };
    const result = bestCombination([eligible('a', null), eligible('b', null), toClarify], [scheme('a'), scheme('b'), scheme('c')]);
    expect(result.headline).toEqual({ open: 2, toClarify: 1, retained: 2, unestimated: 2, title: '2 aides ouvertes, 1 aide à préciser' });
    expect(JSON.stringify(result.headline)).not.toContain('€');
  });

  it('headline: the estimable sum, « jusqu’à » when an amount is a maximum, and the aids it leaves out', () => {
    const upTo = { ...eligible('a', 60000), amount: { ...eligible('a', 60000).amount, basis: 'maximum' as const } };
    const result = bestCombination([upTo, eligible('b', null)], [scheme('a'), scheme('b')]);
    expect(result.headline).toMatchObject({ open: 2, retained: 2, unestimated: 1, upTo: true, estimated: { amountCents: 6_000_000, currency: 'EUR' } });
    expect(result.headline?.estimate).toBe('Montant estimé des aides cumulables : jusqu’à 60\u00a0000\u00a0€, hors 1 aide au montant non estimable');
    expect(bestCombination([], catalogue).headline).toEqual({ open: 0, toClarify: 0, retained: 0, unestimated: 0, title: 'Aucune aide ouverte pour cette situation' });
  });

  it('a scheme counted at its own cap is flagged where the total is computed', () => {
    const capped = scheme('cap', { amount: { nature: 'grant', payments: [], paidOver: 'commitment', note: '', capTotal: { amountCents: 5_000_000, currency: 'EUR' } } });
    const result = bestCombination([eligible('cap', 50000), eligible('other', 1000)], [capped, scheme('other')]);
    expect(result.limits).toEqual([expect.objectContaining({ code: 'scheme-cap', schemeIds: ['cap'], binding: true, cap: { amountCents: 5_000_000, currency: 'EUR' } })]);
    expect(bestCombination([eligible('cap', 40000)], [capped]).limits).toBeUndefined();
  });

  it('the collectivities\' internship allowances are capped together at 425 € a month whoever funds them [001:2812-2819, 001:1173]', () => {
    const internshipAid = (id: string, funder: AidScheme['funder']) => scheme(id, { funder, category: 'internship-allowance', dateBasis: 'internship' });
    const monthly = (id: string, euros: number) => ({ ...eligible(id, euros), amount: { ...eligible(id, euros).amount, months: 6 } });
    const result = bestCombination([monthly('departement', 2550), monthly('commune', 1000)], [internshipAid('departement', 'departement'), internshipAid('commune', 'commune')]);
    expect(result.total.amountCents).toBe(255_000);
    expect(result.limits).toEqual([expect.objectContaining({ code: 'internship-allowances-cap', binding: true, cap: { amountCents: 255_000, currency: 'EUR' }, schemeIds: ['commune', 'departement'] })]);
    expect(result.headline?.estimate).toBe('Montant estimé des aides cumulables : 2\u00a0550\u00a0€, plafonds appliqués');
    const under = bestCombination([monthly('departement', 1200), monthly('commune', 1000)], [internshipAid('departement', 'departement'), internshipAid('commune', 'commune')]);
    expect(under.total.amountCents).toBe(220_000);
    expect(under.limits).toBeUndefined();
  });

  it('says when nothing is eligible', () => {
    expect(bestCombination([], catalogue).message).toBe('Aucun dispositif éligible à cumuler pour le moment.');
  });
});

describe('bestCombination on the seeded catalogue', () => {
  it('2019, ZIP, GP: PTMG and PTMA are never proposed together [001:2886]; PIAS is cumulable with both [001:2903]', () => {
    const place = placeIn('zip', { specialZones: { isolatedMountain: true } });
    const verdicts = evaluateEligibility({ profile: juniorGp({ status: 'doctor', plannedInstallationDate: '2019-09-02', practiceMode: 'group' }), place, at: '2019-03-01', catalogue });
    const eligibleIds = verdicts.filter((v) => v.status === 'eligible').map((v) => v.schemeId);
    expect(eligibleIds).toEqual(expect.arrayContaining(['ptmg', 'ptma', 'pias', 'caim']));
    const result = bestCombination(verdicts, catalogue);
    expect(result.schemeIds.filter((id) => id === 'ptmg' || id === 'ptma')).toHaveLength(1);
    expect(result.schemeIds).toEqual(expect.arrayContaining(['pias', 'caim']));
    const [excluded] = result.excluded.filter((e) => e.schemeId === 'ptmg' || e.schemeId === 'ptma');
    expect([excluded?.schemeId, excluded?.conflictsWith].sort()).toEqual(['ptma', 'ptmg']);
  });

  it('2026, ZIP: the ZIP first-installation aid (10 000 €) is retained; the ZAC one is not even eligible in a ZIP', () => {
    const verdicts = evaluateEligibility({ profile: juniorGp(), place: placeIn('zip'), at: '2026-06-15', catalogue });
    const result = bestCombination(verdicts, catalogue);
    expect(result.schemeIds).toContain('aide-primo-installation-zip');
    expect(result.schemeIds).not.toContain('aide-primo-installation-zac');
    expect(result.total.amountCents).toBeGreaterThanOrEqual(1_000_000);
  });

  it('an intern in a Cher ambulatory stage far from the CHU: transport and housing allowances add up [001:1131]', () => {
    const place = placeIn('zip', { distances: { fromChuKm: 40, fromHomeKm: 45 } });
    const result = bestCombination(evaluateEligibility({ profile: gpIntern(), place, at: '2026-06-15', catalogue }), catalogue);
    expect(result.schemeIds).toEqual(
      expect.arrayContaining(['indemnite-transport-stage-ambulatoire', 'indemnite-hebergement-internes-zone-sous-dense', 'indemnite-logement-deplacement-stage-collectivite']),
    );
    expect(result.total.amountCents).toBe(78_000 + 120_000 + 255_000);
  });

  it('the State housing allowance counted with a collectivity\'s internship allowance is flagged, and the sum given as a maximum: excluded when housed free [001:1161], not cumulable with local aid per [004:584-585]', () => {
    const place = placeIn('zip', { distances: { fromChuKm: 40, fromHomeKm: 45 } });
    const result = bestCombination(evaluateEligibility({ profile: gpIntern(), place, at: '2026-06-15', catalogue }), catalogue);
    expect(result.limits).toEqual([
      expect.objectContaining({
        code: 'state-housing-with-local-aid',
        binding: false,
        schemeIds: ['indemnite-hebergement-internes-zone-sous-dense', 'indemnite-logement-deplacement-stage-collectivite'],
      }),
    ]);
    expect(result.headline).toMatchObject({ upTo: true, estimate: 'Montant estimé des aides cumulables : jusqu’à 4\u00a0530\u00a0€' });
  });
});
