import { describe, expect, it } from '@jest/globals';
import { validateEligibilityResult, validateEligibilityVerdict, type EligibilityProfile } from '@guichet/contracts';
import { catalogue, evaluate, failing, juniorGp, nearby, placeIn, reasonOf, unknowns, verdictOf } from '../../test/eligibility-fixtures.js';
import { eligibilityResult, evaluateEligibility } from './eligibility.js';
import { zoningTimelineFromOrders } from './zoning.js';

describe('evaluateEligibility: shape of the answer', () => {
  const verdicts = evaluateEligibility({ profile: juniorGp(), place: placeIn('zip'), at: '2026-06-15', catalogue });

  it('answers for every scheme of the catalogue, in catalogue order', () => {
    expect(verdicts.map((v) => v.schemeId)).toEqual(catalogue.map((s) => s.id));
  });

  it('gives each verdict the version of the rule applied, one reason per criterion plus the signing window, and validates against the contract', () => {
    for (const verdict of verdicts) {
      const scheme = catalogue.find((s) => s.id === verdict.schemeId)!;
      expect(verdict.schemeVersion).toBe(scheme.version);
      expect(verdict.reasons).toHaveLength(scheme.criteria.length + 1);
      expect(verdict.reasons[0]!.criterion).toBe('validity');
      expect(validateEligibilityVerdict(verdict).ok).toBe(true);
    }
  });

  it('wraps verdicts and the best combination into the contract\'s EligibilityResult', () => {
    const result = eligibilityResult({ profile: juniorGp(), place: placeIn('zip'), at: '2026-06-15', catalogue });
    expect(validateEligibilityResult(result).ok).toBe(true);
    expect(result).toMatchObject({ communeInsee: '37123', zone: 'zip', referenceDate: '2026-06-15' });
    expect(result.bestCombination.schemeIds).toContain('aide-primo-installation-zip');
  });

  it('is a pure function: same input, same output', () => {
    expect(evaluateEligibility({ profile: juniorGp(), place: placeIn('zip'), at: '2026-06-15', catalogue })).toEqual(verdicts);
  });
});

describe('rules have dates: the same profile in 2019 and in 2026 (domain facts §9)', () => {
  const in2019 = evaluate(juniorGp({ plannedInstallationDate: '2019-09-02' }), placeIn('zip'), { at: '2019-03-01' });
  const in2026 = evaluate(juniorGp({ plannedInstallationDate: '2026-11-02' }), placeIn('zip'));

  it('2019: CAIM and PTMG are open, the 2026 Assurance Maladie aid is not yet', () => {
    expect(verdictOf(in2019, 'caim').status).toBe('eligible');
    expect(verdictOf(in2019, 'ptmg').status).toBe('eligible');
    const primo = verdictOf(in2019, 'aide-primo-installation-zip');
    expect(primo.status).toBe('not-eligible');
    expect(failing(primo)).toEqual(['not-yet-open']);
    expect(primo.hint?.message).toBe('Éligible si votre installation a lieu à partir du 01/01/2026.');
  });

  it('2026: CAIM closed after 2025-12-31, PTMG after 2021-03-31; the first-installation aid of 10 000 € in ZIP applies', () => {
    expect(reasonOf(verdictOf(in2026, 'caim'), 'validity').message).toBe('Dispositif fermé aux nouveaux contrats depuis le 01/01/2026 (date évaluée : 02/11/2026).');
    expect(failing(verdictOf(in2026, 'ptmg'))).toEqual(['closed-to-new-contracts']);
    const primo = verdictOf(in2026, 'aide-primo-installation-zip');
    expect(primo.status).toBe('eligible');
    expect(primo.amount).toMatchObject({ estimated: { amountCents: 1_000_000, currency: 'EUR' }, basis: 'exact' });
  });

  it('evaluates installation aids at the planned installation date, not at the request date', () => {
    const verdicts = evaluate(juniorGp({ plannedInstallationDate: '2026-02-01' }), placeIn('zip'), { at: '2025-10-01' });
    const primo = verdictOf(verdicts, 'aide-primo-installation-zip');
    expect(primo).toMatchObject({ status: 'eligible', evaluatedOn: '2026-02-01', dateBasis: 'installation' });
    expect(verdictOf(verdicts, 'caim').status).toBe('not-eligible');
  });

  it('falls back to the request date when the profile gives no installation date, and says so', () => {
    const { plannedInstallationDate: _omitted, ...undated } = juniorGp();
    const verdict = verdictOf(evaluate(undated, placeIn('zip'), { at: '2025-10-01' }), 'caim');
    expect(verdict).toMatchObject({ status: 'eligible', evaluatedOn: '2025-10-01', dateBasis: 'request' });
  });

  it('the contrat de début d\'exercice existed only from 2021-04-01 to 2023-12-31', () => {
    const dates = ['2021-03-15', '2022-05-02', '2024-02-01'];
    const statuses = dates.map((d) => verdictOf(evaluate(juniorGp({ plannedInstallationDate: d }), placeIn('zac'), { at: d }), 'contrat-debut-exercice').status);
    expect(statuses).toEqual(['not-eligible', 'eligible', 'not-eligible']);
  });

  it('reads the zone of the commune at the evaluation date when a zoning timeline is given', () => {
    const zoning = zoningTimelineFromOrders([
      { regionCode: '24', arrete: { reference: 'arrêté 2018' }, effectiveFrom: '2018-07-01', assignments: [{ communeCode: '37123', zone: 'zac' }] },
      { regionCode: '24', arrete: { reference: 'arrêté 2023' }, effectiveFrom: '2023-01-01', assignments: [{ communeCode: '37123', zone: 'zip' }] },
    ]);
    const at = (date: string) =>
      evaluateEligibility({ profile: juniorGp({ plannedInstallationDate: date }), place: placeIn(null), at: date, catalogue, zoning }).find((v) => v.schemeId === 'caim')!;
    expect(failing(at('2019-09-02'))).toEqual(['zone-not-accepted']);
    expect(at('2024-09-02').status).toBe('eligible');
    expect(unknowns(at('2017-01-02'))).toEqual(['zone-unknown']);
  });
});

describe('zone reasons and « what would make it eligible »', () => {
  const neighbours = [
    nearby('Cussay', '37094', 'zip', 4.2),
    nearby('Bossée', '37028', 'zac', 6),
    nearby('Le Louroux', '37135', 'zip', 12.5),
    nearby('Loches', '37132', 'none', 9),
    nearby('Manthelan', '37145', 'zip', 27),
  ];

  it('a ZAC commune for a ZIP-only aid: the reason says so in French, the hint lists ZIP communes within 20 km, nearest first', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zac', { nearby: neighbours })), 'aide-primo-installation-zip');
    expect(verdict.status).toBe('not-eligible');
    expect(reasonOf(verdict, 'zone').message).toBe("Commune en zone d'action complémentaire : cette aide exige une zone d'intervention prioritaire.");
    expect(verdict.hint).toEqual({
      code: 'move-to-eligible-zone',
      params: { radiusKm: 20, accepted: ['zip'] },
      message: "Éligible si vous vous installez dans l'une de ces communes en ZIP à moins de 20 km : Cussay (4,2 km), Le Louroux (12,5 km).",
      communes: [
        { insee: '37094', name: 'Cussay', zone: 'zip', distanceKm: 4.2 },
        { insee: '37135', name: 'Le Louroux', zone: 'zip', distanceKm: 12.5 },
      ],
    });
  });

  it('the same commune opens the 5 000 € ZAC aid instead', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zac')), 'aide-primo-installation-zac');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount.estimated).toEqual({ amountCents: 500_000, currency: 'EUR' });
  });

  it('a commune outside the zoning for a ZIP-or-ZAC aid', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('none', { nearby: neighbours })), 'aide-installation-collectivite');
    expect(reasonOf(verdict, 'zone').message).toBe(
      "Commune hors zonage ARS : cette aide exige une zone d'intervention prioritaire ou une zone d'action complémentaire.",
    );
    expect(verdict.hint?.communes?.map((c) => c.name)).toEqual(['Cussay', 'Bossée', 'Le Louroux']);
  });

  it('no hint when more than one criterion fails: the scheme is not just out of reach', () => {
    const verdict = verdictOf(evaluate(juniorGp({ sector: '2' }), placeIn('zac', { nearby: neighbours })), 'aide-primo-installation-zip');
    expect(failing(verdict)).toEqual(['zone-not-accepted', 'sector-not-accepted']);
    expect(verdict.hint).toBeNull();
  });

  it('no hint when no nearby commune is in an accepted zone within the radius', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zac', { nearby: [nearby('Manthelan', '37145', 'zip', 27)] })), 'aide-primo-installation-zip');
    expect(verdict.hint).toBeNull();
  });

  it('an unknown zoning asks for information instead of refusing', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn(null)), 'aide-primo-installation-zip');
    expect(verdict.status).toBe('needs-information');
    expect(unknowns(verdict)).toEqual(['zone-unknown']);
  });

  it('the CDE accepts a commune within 10 km of a ZIP or ZAC commune (domain facts §9)', () => {
    const profile = juniorGp({ plannedInstallationDate: '2022-05-02' });
    const near = verdictOf(evaluate(profile, placeIn('none', { nearby: [nearby('Bossée', '37028', 'zac', 8)] }), { at: '2022-01-10' }), 'contrat-debut-exercice');
    expect(near.status).toBe('eligible');
    expect(reasonOf(near, 'zone').message).toBe("Commune à 8 km de Bossée, en zone d'action complémentaire (moins de 10 km acceptés).");
    const far = verdictOf(evaluate(profile, placeIn('none', { nearby: [nearby('Le Louroux', '37135', 'zip', 12.5)] }), { at: '2022-01-10' }), 'contrat-debut-exercice');
    expect(failing(far)).toEqual(['zone-not-accepted']);
  });

  it('other single actionable gaps get their own hint: sector, coordinated practice, on-call', () => {
    const sector = verdictOf(evaluate(juniorGp({ sector: '2' }), placeIn('zip')), 'aide-primo-installation-zip');
    expect(sector.hint?.message).toBe('Éligible si vous exercez en secteur 1 ou secteur 2 avec OPTAM.');
    const caimIn2025 = (p: Parameters<typeof juniorGp>[0]) => verdictOf(evaluate(juniorGp({ plannedInstallationDate: '2025-06-02', ...p }), placeIn('zip'), { at: '2025-01-10' }), 'caim');
    expect(caimIn2025({ practiceMode: 'alone', coordinatedPractice: false }).hint?.code).toBe('join-coordinated-practice');
    expect(caimIn2025({ onCallParticipation: false }).hint?.message).toBe('Éligible si vous participez à la permanence des soins ambulatoires (PDSA).');
  });
});

describe('ten-year rule (décret 2025-231, domain facts §9)', () => {
  it('an installation aid received less than ten years before blocks a new one of the same category, with the date it becomes possible', () => {
    const verdict = verdictOf(evaluate(juniorGp({ firstInstallation: true }), placeIn('zip'), { previousAids: [{ schemeId: 'caim', receivedOn: '2020-03-01' }] }), 'aide-primo-installation-zip');
    expect(verdict.status).toBe('not-eligible');
    expect(reasonOf(verdict, 'previous-aid')).toMatchObject({
      outcome: 'not-met',
      code: 'recent-aid-same-category',
      params: { previousSchemeId: 'caim', receivedOn: '2020-03-01', possibleFrom: '2030-03-01' },
      message: "Aide de même catégorie déjà reçue le 01/03/2020 (caim) : une nouvelle aide n'est possible qu'à partir du 01/03/2030 (décret 2025-231, règle des 10 ans).",
    });
  });

  it('applies to local-authority installation aids too', () => {
    const previousAids = [{ schemeId: 'aide-installation-collectivite', receivedOn: '2019-05-01' }];
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zac'), { previousAids }), 'aide-installation-collectivite');
    expect(failing(verdict)).toEqual(['recent-aid-same-category']);
  });

  it('an aid received more than ten years before does not block', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zip'), { previousAids: [{ schemeId: 'caim', receivedOn: '2016-09-01' }] }), 'aide-primo-installation-zip');
    expect(reasonOf(verdict, 'previous-aid').code).toBe('no-recent-aid-same-category');
  });

  it('an aid of another category does not block (COSCOM is a coordination contract)', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zip'), { previousAids: [{ schemeId: 'coscom', receivedOn: '2022-01-01' }] }), 'aide-primo-installation-zip');
    expect(verdict.status).toBe('eligible');
  });

  it('uses the category given with the previous aid when the scheme is not in the catalogue', () => {
    const previousAids = [{ schemeId: 'prime-installation-commune-x', category: 'installation' as const, receivedOn: '2021-01-01' }];
    expect(verdictOf(evaluate(juniorGp(), placeIn('zip'), { previousAids }), 'aide-primo-installation-zip').status).toBe('not-eligible');
  });

  it('does not apply before the decree (12 March 2025)', () => {
    const profile = juniorGp({ plannedInstallationDate: '2024-09-02', firstInstallation: false });
    const verdict = verdictOf(evaluate(profile, placeIn('zip'), { at: '2024-03-01', previousAids: [{ schemeId: 'caim', receivedOn: '2020-03-01' }] }), 'caim');
    expect(reasonOf(verdict, 'previous-aid')).toMatchObject({ outcome: 'met', code: 'ten-year-rule-not-applicable' });
  });

  it('a first-installation aid is refused to a doctor who says it is not their first installation', () => {
    const verdict = verdictOf(evaluate(juniorGp({ firstInstallation: false }), placeIn('zip')), 'aide-primo-installation-zip');
    expect(reasonOf(verdict, 'installation-stage').message).toBe('Réservé à une première installation en exercice libéral conventionné.');
  });
});

describe('needs information: missing facts are asked for, not guessed', () => {
  it('a profile without sector, activity or on-call answers gets « needs information » for CAIM with one reason per missing fact', () => {
    const profile: EligibilityProfile = { status: 'graduated-doctor', projects: ['installation'], plannedInstallationDate: '2025-03-03' };
    const verdict = verdictOf(evaluate(profile, placeIn('zip'), { at: '2025-01-10' }), 'caim');
    expect(verdict.status).toBe('needs-information');
    expect(unknowns(verdict)).toEqual(['sector-missing', 'practice-mode-missing', 'coordinated-practice-missing', 'activity-missing', 'on-call-missing']);
  });

  it('items only the funder can check are informative and never block', () => {
    const verdict = verdictOf(evaluate(juniorGp(), placeIn('zac')), 'aide-installation-collectivite');
    expect(verdict.status).toBe('eligible');
    expect(verdict.reasons.filter((r) => r.outcome === 'informative').map((r) => r.code)).toEqual(['commitment-required', 'tripartite-convention', 'group-practice-may-be-required']);
  });
});
