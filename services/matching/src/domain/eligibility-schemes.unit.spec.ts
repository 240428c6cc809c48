import { describe, expect, it } from '@jest/globals';
import type { EligibilityProfile } from '@guichet/contracts';
import { catalogue, evaluate, failing, gpIntern, juniorGp, placeIn, reasonOf, unknowns, verdictOf } from '../../test/eligibility-fixtures.js';
import { bestCombination } from './combination.js';

// Scheme by scheme, against the sourced facts behind the catalogue (citations [document:line] in test names; the documents are listed in data/README.md).

const in2019 = (overrides: Parameters<typeof juniorGp>[0] = {}) => juniorGp({ plannedInstallationDate: '2019-09-02', ...overrides });
const at2019 = { at: '2019-03-01' };
const in2025 = (overrides: Parameters<typeof juniorGp>[0] = {}) => juniorGp({ plannedInstallationDate: '2025-06-02', ...overrides });
const at2025 = { at: '2025-01-10' };

describe('CAIM — 5 years, sector 1 (or OPTAM), installed < 1 year or about to, coordinated, 2.5 days, PDSA [001:2840-2850]', () => {
  const caim = (profile: Parameters<typeof juniorGp>[0], zone: 'zip' | 'zac' = 'zip') => verdictOf(evaluate(in2025(profile), placeIn(zone), at2025), 'caim');

  it('eligible for a coordinated GP in ZIP, up to 50 000 € (50 000 € at 4 days a week or more)', () => {
    const verdict = caim({});
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount).toMatchObject({ estimated: { amountCents: 5_000_000, currency: 'EUR' }, basis: 'maximum', months: 60 });
    expect(reasonOf(verdict, 'commitment').message).toBe("Contrepartie : engagement d'exercice de 5 ans, non renouvelable.");
  });

  it('ZIP only: never in ZAC [001:1331-1333]', () => {
    expect(failing(caim({}, 'zac'))).toEqual(['zone-not-accepted']);
  });

  it('open to sector 2 with OPTAM (domain facts §9), not to plain sector 2', () => {
    expect(caim({ sector: '2-optam' }).status).toBe('eligible');
    expect(failing(caim({ sector: '2' }))).toEqual(['sector-not-accepted']);
  });

  it('refused below 2.5 days (5 half-days) a week, without PDSA, or installed for more than a year', () => {
    expect(reasonOf(caim({ halfDaysPerWeek: 4 }), 'activity').message).toBe("Il faut au moins 5 demi-journées d'activité par semaine ; vous indiquez 4.");
    expect(failing(caim({ onCallParticipation: false }))).toEqual(['on-call-required']);
    expect(failing(caim({ status: 'doctor', firstInstallation: false, installedSince: '2023-01-15' }))).toEqual(['installed-too-long-ago']);
    expect(caim({ status: 'doctor', firstInstallation: false, installedSince: '2025-01-15' }).status).toBe('eligible');
  });

  it('refused when the candidate will not commit for 5 years', () => {
    expect(reasonOf(caim({ maxCommitmentYears: 3 }), 'commitment').message).toBe("Ce dispositif demande un engagement d'exercice de 5 ans, non renouvelable ; vous acceptez au plus 3 ans.");
  });
});

describe('COSCOM — any conventioned doctor in ZIP, coordinated or group practice, 3 years renewable [001:2853-2859]', () => {
  it('sector is not restricted: sector 2 is eligible, 5 000 € a year over 3 years', () => {
    const verdict = verdictOf(evaluate(in2025({ sector: '2', practiceMode: 'group', coordinatedPractice: undefined }), placeIn('zip'), at2025), 'coscom');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount.estimated).toEqual({ amountCents: 1_500_000, currency: 'EUR' });
  });

  it('not for a non-conventioned doctor (sector 3) nor in ZAC', () => {
    expect(failing(verdictOf(evaluate(in2025({ sector: '3' }), placeIn('zip'), at2025), 'coscom'))).toEqual(['sector-not-accepted']);
    expect(failing(verdictOf(evaluate(in2025(), placeIn('zac'), at2025), 'coscom'))).toEqual(['zone-not-accepted']);
  });
});

describe('COTRAM and CSTM — ZIP, fee supplements [001:2862-2873]', () => {
  it('COTRAM concerns a departing doctor hosting a successor, not a newcomer', () => {
    const newcomer = verdictOf(evaluate(in2025(), placeIn('zip'), at2025), 'cotram');
    expect(failing(newcomer)).toEqual(['audience-excluded', 'project-not-concerned']);
    const senior = verdictOf(evaluate(in2025({ status: 'doctor', projects: ['succession-hosting'], firstInstallation: false, installedSince: '1995-01-01' }), placeIn('zip'), at2025), 'cotram');
    expect(senior.status).toBe('eligible');
    expect(senior.amount).toMatchObject({ estimated: null, basis: 'not-estimable' });
  });

  it('CSTM needs a ZIP: the Pontarlier volunteers were not eligible because the site was not zoned [004:2366-2367]', () => {
    const volunteer = in2025({ status: 'doctor', projects: ['secondary-practice'] });
    expect(failing(verdictOf(evaluate(volunteer, placeIn('none'), at2025), 'cstm'))).toEqual(['zone-not-accepted']);
    expect(verdictOf(evaluate(volunteer, placeIn('zip'), at2025), 'cstm').status).toBe('eligible');
  });
});

describe('State contracts PTMG / PTMA / PIAS [001:2874-2903]', () => {
  it('PTMG: general practice, sector 1, ZIP or ZAC; an income guarantee is not money received, so no amount is estimated', () => {
    const verdict = verdictOf(evaluate(in2019(), placeIn('zac'), at2019), 'ptmg');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount).toMatchObject({ estimated: null, basis: 'not-estimable' });
    expect(verdict.amount.message).toContain('6 900 € par mois');
  });

  it('PTMG is for general practitioners in sector 1 only', () => {
    expect(failing(verdictOf(evaluate(in2019({ specialty: 'pediatrie' }), placeIn('zip'), at2019), 'ptmg'))).toEqual(['specialty-excluded']);
    expect(failing(verdictOf(evaluate(in2019({ sector: '2-optam' }), placeIn('zip'), at2019), 'ptmg'))).toEqual(['sector-not-accepted']);
  });

  it('PTMA is open to specialists too', () => {
    expect(verdictOf(evaluate(in2019({ specialty: 'pediatrie', status: 'doctor' }), placeIn('zip'), at2019), 'ptma').status).toBe('eligible');
  });

  it('PIAS needs an isolated mountain area, not ZIP/ZAC: unknown until the place says so [001:2896-2899]', () => {
    expect(unknowns(verdictOf(evaluate(in2019({ status: 'doctor', practiceMode: 'alone' }), placeIn('none'), at2019), 'pias'))).toEqual(['special-zone-unknown']);
    const mountain = placeIn('none', { specialZones: { isolatedMountain: true } });
    const verdict = verdictOf(evaluate(in2019({ status: 'doctor', practiceMode: 'alone' }), mountain, at2019), 'pias');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount.estimated).toEqual({ amountCents: 690_000, currency: 'EUR' });
  });
});

describe('CESP — students from the 2nd year and interns, sector 1, 2-year minimum [001:947-952]', () => {
  const student = (year: number): EligibilityProfile => ({ status: 'student', studyYear: year, projects: ['studies'], sector: '1' });

  it('a 3rd-year student committing to sector 1 in a ZIP or ZAC: eligible, 1 200 € a month estimated over the 2-year minimum', () => {
    const verdict = verdictOf(evaluate(student(3), placeIn('zac')), 'cesp');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount.estimated).toEqual({ amountCents: 2_880_000, currency: 'EUR' });
  });

  it('not in the 1st year', () => {
    expect(reasonOf(verdictOf(evaluate(student(1), placeIn('zac')), 'cesp'), 'study-year').message).toBe("Ouvert à partir de la 2e année d'études ; vous êtes en 1re année.");
  });
});

describe('internship allowances (domain facts §4)', () => {
  const internshipPlace = (fromChuKm: number, fromHomeKm: number, zone: 'zip' | 'zac' | 'none' = 'zip') => placeIn(zone, { distances: { fromChuKm, fromHomeKm } });

  it('transport allowance: 130 € a month for an ambulatory stage more than 15 km from the CHU and from home, any zone [001:1134-1137]', () => {
    const verdict = verdictOf(evaluate(gpIntern(), internshipPlace(20, 25, 'none')), 'indemnite-transport-stage-ambulatoire');
    expect(verdict).toMatchObject({ status: 'eligible', evaluatedOn: '2026-11-02', dateBasis: 'internship' });
    expect(verdict.amount).toMatchObject({ estimated: { amountCents: 78_000, currency: 'EUR' }, months: 6 });
  });

  it('transport allowance: refused at 12 km from the CHU, with the distance in the reason', () => {
    const verdict = verdictOf(evaluate(gpIntern(), internshipPlace(12, 25)), 'indemnite-transport-stage-ambulatoire');
    expect(reasonOf(verdict, 'internship-placement').message).toBe('Lieu de stage à 12 km du CHU de rattachement : il faut plus de 15 km.');
  });

  it('transport allowance: open to 2nd-cycle students (4th year on), not to 1st-cycle ones [001:1134-1137]', () => {
    const student = (studyYear: number) => gpIntern({ status: 'student', studyYear });
    expect(verdictOf(evaluate(student(4), internshipPlace(20, 25)), 'indemnite-transport-stage-ambulatoire').status).toBe('eligible');
    expect(failing(verdictOf(evaluate(student(3), internshipPlace(20, 25)), 'indemnite-transport-stage-ambulatoire'))).toEqual(['study-year-too-early']);
  });

  it('transport allowance: needs the distances to decide', () => {
    expect(unknowns(verdictOf(evaluate(gpIntern(), placeIn('zip')), 'indemnite-transport-stage-ambulatoire'))).toEqual(['internship-distance-missing']);
  });

  it('housing allowance: 200 € a month, interns only, under-dense zone, more than 30 km from CHU and home [001:1159-1162]', () => {
    const verdict = verdictOf(evaluate(gpIntern(), internshipPlace(35, 40)), 'indemnite-hebergement-internes-zone-sous-dense');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount.estimated).toEqual({ amountCents: 120_000, currency: 'EUR' });
    expect(failing(verdictOf(evaluate(gpIntern(), internshipPlace(35, 25)), 'indemnite-hebergement-internes-zone-sous-dense'))).toEqual(['internship-too-close-to-home']);
    expect(failing(verdictOf(evaluate(gpIntern({ status: 'student', studyYear: 5 }), internshipPlace(35, 40)), 'indemnite-hebergement-internes-zone-sous-dense'))).toEqual([
      'audience-excluded',
    ]);
  });

  it('housing allowance: excluded when housed free of charge [001:1161]', () => {
    expect(failing(verdictOf(evaluate(gpIntern({ housedFreeOfCharge: true }), internshipPlace(35, 40)), 'indemnite-hebergement-internes-zone-sous-dense'))).toEqual(['housed-free']);
  });

  it('housing allowance: did not exist before decree 2018-571 came into force [004:347-349]', () => {
    const early = gpIntern({ internship: { startDate: '2018-05-02', endDate: '2018-10-31', ambulatory: true } });
    expect(failing(verdictOf(evaluate(early, internshipPlace(35, 40), { at: '2018-03-01' }), 'indemnite-hebergement-internes-zone-sous-dense'))).toEqual(['not-yet-open']);
  });

  it('local stage allowance: GP interns in ZIP or ZAC, at most 425 € a month and 5 100 € a year [001:2812-2819, 001:1171]', () => {
    const semester = verdictOf(evaluate(gpIntern(), placeIn('zac')), 'indemnite-logement-deplacement-stage-collectivite');
    expect(semester.amount).toMatchObject({ estimated: { amountCents: 255_000, currency: 'EUR' }, basis: 'maximum' });
    const year = gpIntern({ internship: { startDate: '2026-11-02', endDate: '2027-11-01', ambulatory: true } });
    expect(verdictOf(evaluate(year, placeIn('zac')), 'indemnite-logement-deplacement-stage-collectivite').amount.estimated).toEqual({ amountCents: 510_000, currency: 'EUR' });
    expect(failing(verdictOf(evaluate(gpIntern({ specialty: 'psychiatrie' }), placeIn('zac')), 'indemnite-logement-deplacement-stage-collectivite'))).toEqual(['specialty-excluded']);
  });
});

describe('local schemes are local', () => {
  it('Vienne study grant: not for a commune of Indre-et-Loire [001:974-979]', () => {
    const verdict = verdictOf(evaluate({ status: 'student', studyYear: 5, projects: ['studies'] }, placeIn('zip')), 'bourse-etudes-vienne');
    expect(reasonOf(verdict, 'territory').message).toBe('Dispositif local (département 86) : Ligueil est dans le département 37.');
    expect(verdict.hint).toBeNull();
  });

  it('Loir-et-Cher one-stop desk: a support service for doctors installing in 41 [001:1504-1508]', () => {
    const blois = placeIn('zac', { commune: { insee: '41018', name: 'Blois', departement: '41', region: '24', population: 45000 } });
    const verdict = verdictOf(evaluate(juniorGp(), blois), 'guichet-unique-loir-et-cher');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount).toMatchObject({ estimated: null, basis: 'not-estimable', message: 'Accompagnement, sans aide financière.' });
  });
});

describe('schemes that must never be proposed to this candidate', () => {
  it('the cumul emploi-retraite exemption is for retired doctors only, never for interns or junior doctors', () => {
    expect(failing(verdictOf(evaluate(gpIntern(), placeIn('zip')), 'exoneration-cotisations-cumul-emploi-retraite'))).toEqual(['audience-excluded']);
    expect(failing(verdictOf(evaluate(juniorGp(), placeIn('zip')), 'exoneration-cotisations-cumul-emploi-retraite'))).toEqual(['audience-excluded']);
  });

  it('the 2007 fee supplement is superseded and refused whatever the profile', () => {
    const verdict = verdictOf(evaluate(in2019(), placeIn('zip'), at2019), 'majoration-honoraires-zone-deficitaire-2007');
    expect(reasonOf(verdict, 'superseded').message).toBe("Dispositif remplacé par caim et coscom : conservé pour l'historique, il n'est plus proposé.");
  });
});

describe('CFE exemption — commune under 2 000 inhabitants, or ZRR, or ZIP/ZAC [001:1404-1407]', () => {
  const cfe = (population: number, zone: 'zip' | 'none', zrr?: boolean) =>
    verdictOf(
      evaluate(juniorGp({ practiceMode: 'alone' }), placeIn(zone, { commune: { insee: '37123', name: 'Ligueil', departement: '37', region: '24', population }, ...(zrr === undefined ? {} : { specialZones: { zrr } }) })),
      'exoneration-cfe-cabinet-secondaire',
    );

  it('met by a small commune, by a ZIP, refused for a town outside any zone and ZRR, unknown when ZRR is not known', () => {
    expect(cfe(1500, 'none').status).toBe('eligible');
    expect(cfe(5000, 'zip').status).toBe('eligible');
    expect(failing(cfe(5000, 'none', false))).toEqual(['special-zone-not-met']);
    expect(unknowns(cfe(5000, 'none'))).toEqual(['special-zone-unknown']);
  });
});

describe('MSU teaching allowance — installed at least 1 year [001:1248-1249]', () => {
  it('600 € a month, estimated over one semester of hosting', () => {
    const msu: EligibilityProfile = { status: 'doctor', projects: ['internship-supervision'], installedSince: '2024-01-01' };
    const verdict = verdictOf(evaluate(msu, placeIn('zip'), { at: '2025-06-01' }), 'indemnite-pedagogique-msu');
    expect(verdict.status).toBe('eligible');
    expect(verdict.amount.estimated).toEqual({ amountCents: 360_000, currency: 'EUR' });
    expect(failing(verdictOf(evaluate({ ...msu, installedSince: '2025-01-01' }, placeIn('zip'), { at: '2025-06-01' }), 'indemnite-pedagogique-msu'))).toEqual(['seniority-insufficient']);
  });
});

describe('rule errors found against the sources (issue of the aid rules)', () => {
  it('CESP: sector 1 and the ZIP/ZAC are obligations of the future installation, not present conditions; a 4th-year student without a sector is eligible wherever they study [001:947-952]', () => {
    const verdict = verdictOf(evaluate({ status: 'student', studyYear: 4, projects: ['studies'] }, placeIn('none')), 'cesp');
    expect(verdict.status).toBe('eligible');
    expect(reasonOf(verdict, 'sector')).toMatchObject({ outcome: 'informative', code: 'sector-commitment' });
    expect(reasonOf(verdict, 'zone')).toMatchObject({ outcome: 'informative', code: 'zone-commitment' });
  });

  it('CESP: the zone is checked on the future place of practice when the request names one, and a declared sector 2 breaks the commitment [001:947-952]', () => {
    const installing: EligibilityProfile = { status: 'intern', specialty: 'medecine-generale', projects: ['studies', 'installation'] };
    expect(failing(verdictOf(evaluate(installing, placeIn('none')), 'cesp'))).toEqual(['zone-not-accepted']);
    expect(verdictOf(evaluate(installing, placeIn('zip')), 'cesp').status).toBe('eligible');
    expect(failing(verdictOf(evaluate({ ...installing, sector: '2' }, placeIn('zip')), 'cesp'))).toEqual(['sector-not-accepted']);
  });

  it('PTMA may follow PTMG, never alongside it: PTMG is kept and PTMA told as what comes after, not as « less advantageous » [001:2886]', () => {
    const verdicts = [...evaluate(in2019(), placeIn('zip'), at2019).values()];
    const combination = bestCombination(verdicts, catalogue);
    expect(combination.schemeIds).toContain('ptmg');
    expect(combination.schemeIds).not.toContain('ptma');
    const ptma = combination.excluded.find((e) => e.schemeId === 'ptma');
    expect(ptma).toMatchObject({ conflictsWith: 'ptmg' });
    expect(ptma?.message).toContain('peut lui succéder');
    expect(`${ptma?.message} ${combination.message}`).not.toContain('plus avantageux');
  });

  it('COSCOM is open to any conventioned doctor installed in a ZIP, not only to installation projects [001:2853-2854]', () => {
    const installed: EligibilityProfile = { status: 'installed-doctor', installedSince: '2020-03-01', specialty: 'pediatrie', projects: ['internship-supervision'], sector: '2', practiceMode: 'group' };
    const verdict = verdictOf(evaluate(installed, placeIn('zip'), at2025), 'coscom');
    expect(verdict.status).toBe('eligible');
    expect(reasonOf(verdict, 'project').code).toBe('already-installed');
    expect(failing(verdictOf(evaluate({ ...installed, status: 'graduated-doctor', installedSince: undefined, projects: ['replacement'] }, placeIn('zip'), at2025), 'coscom'))).toEqual(['project-not-concerned']);
  });

  it('CAIM requires a liberal activity: a salaried doctor of a health centre in a ZIP is refused [001:2843, 001:2848]', () => {
    const salaried = verdictOf(evaluate(in2025({ practiceMode: 'centre-de-sante' }), placeIn('zip'), at2025), 'caim');
    expect(failing(salaried)).toEqual(['practice-mode-not-accepted']);
  });

  it('statuses: the docteur junior (4th-year trainee) is an intern for placement and housing aids, not a doctor who settles (domain facts « Beware one word », §9)', () => {
    const trainee = gpIntern({ status: 'junior-doctor' });
    const housing = placeIn('zip', { distances: { fromChuKm: 35, fromHomeKm: 40 } });
    expect(verdictOf(evaluate(trainee, housing), 'indemnite-hebergement-internes-zone-sous-dense').status).toBe('eligible');
    expect(verdictOf(evaluate(trainee, housing), 'indemnite-logement-deplacement-stage-collectivite').status).toBe('eligible');
    expect(failing(verdictOf(evaluate(juniorGp({ status: 'junior-doctor' }), placeIn('zip'), at2025), 'caim'))).toContain('audience-excluded');
  });

  it('statuses: a young installed doctor keeps the medical-assistant aid, and a doctor who defended the thesis keeps PTMR as a locum [001:2214-2230, 001:2888-2893]', () => {
    const installed = juniorGp({ status: 'installed-doctor', installedSince: '2025-09-01', firstInstallation: true, projects: ['installation'] });
    expect(failing(verdictOf(evaluate(installed, placeIn('zip'), at2025), 'aide-assistant-medical'))).toEqual([]);
    const locum = juniorGp({ status: 'graduated-doctor', projects: ['replacement'] });
    expect(failing(verdictOf(evaluate(locum, placeIn('zip'), at2019), 'ptmr'))).toEqual([]);
  });

  it('statuses: the former « médecin thésé » of stored requests reads as installed when an installation date is known, else as not yet installed', () => {
    const legacy = (installedSince?: string): EligibilityProfile => ({ status: 'doctor', projects: ['internship-supervision'], ...(installedSince ? { installedSince } : {}) });
    expect(reasonOf(verdictOf(evaluate(legacy('2020-01-01'), placeIn('zip'), { at: '2025-06-01' }), 'indemnite-pedagogique-msu'), 'audience').params).toMatchObject({ status: 'installed-doctor' });
    expect(reasonOf(verdictOf(evaluate(legacy(), placeIn('zip'), { at: '2025-06-01' }), 'indemnite-pedagogique-msu'), 'audience').params).toMatchObject({ status: 'graduated-doctor' });
  });

  it('the shared town/hospital assistant is a salaried post for a doctor just out of the internship, not an aid to every installation [004:359-362]', () => {
    expect(failing(verdictOf(evaluate(juniorGp(), placeIn('zip')), 'assistant-partage-ville-hopital'))).toEqual(['practice-mode-not-accepted']);
    expect(failing(verdictOf(evaluate(juniorGp({ status: 'junior-doctor' }), placeIn('zip')), 'assistant-partage-ville-hopital'))).toContain('audience-excluded');
    expect(failing(verdictOf(evaluate(juniorGp({ status: 'installed-doctor', installedSince: '2024-01-01' }), placeIn('zip')), 'assistant-partage-ville-hopital'))).toContain('audience-excluded');
    expect(verdictOf(evaluate(juniorGp({ practiceMode: 'salaried' }), placeIn('zip')), 'assistant-partage-ville-hopital').status).toBe('eligible');
  });
});
