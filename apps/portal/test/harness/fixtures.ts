import {
  validateAuditTrail,
  validateCaseDetail,
  validateCasePage,
  validateCaseStatistics,
  validateOpenDataStatistics,
  validateCommentList,
  validateEligibilityResult,
  validateInstallationRequest,
  validateInstallationRequestPage,
  validateOffer,
  validateOfferPage,
  validateProposalDigest,
  validateProposalSet,
  validateZoningHistory,
} from '@guichet/contracts';
import type {
  AccessLog,
  AuditTrail,
  CaseDetail,
  CasePage,
  CaseStatistics,
  CommentList,
  EligibilityResult,
  EligibilityVerdict,
  InstallationRequest,
  InstallationRequestPage,
  HousingOffer,
  Offer,
  OfferPage,
  PremisesOffer,
  OpenDataStatistics,
  ProposalDigest,
  ProposalSet,
  ValidationResult,
  ZoningHistory,
} from '@guichet/contracts';

// Answers of the services for the page tests (screenshots and accessibility), written with the
// contracts' types and checked by the contracts' validators when loaded: they cannot drift from
// what the real services send. The journeys (journeys.browser.spec.ts) use the real services.

function checked<T>(name: string, validate: (data: unknown) => ValidationResult<T>, data: T): T {
  const result = validate(data);
  if (!result.ok) throw new Error(`fixture ${name} breaks the contract: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return data;
}

export const ids = {
  draft: '7d1c3f0e-2b4a-4c1e-9a8f-1e2d3c4b5a60',
  submitted: '5e0b8a1c-3d2f-4e6a-8b7c-9d0e1f2a3b4c',
  proposalSet: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  bundles: ['b1000000-0000-4000-8000-000000000001', 'b2000000-0000-4000-8000-000000000002'],
  premises: 'c1000000-0000-4000-8000-000000000001',
  housing: 'c2000000-0000-4000-8000-000000000002',
  job: 'c3000000-0000-4000-8000-000000000003',
  sharedHousing: 'c4000000-0000-4000-8000-000000000004',
  cases: [
    'd1000000-0000-4000-8000-000000000001',
    'd2000000-0000-4000-8000-000000000002',
    'd3000000-0000-4000-8000-000000000003',
    'd4000000-0000-4000-8000-000000000004',
  ],
};

const candidateId = 'a61771cd-b871-4844-8718-27acc9039d52';

export const draft = checked('draft', validateInstallationRequest, {
  id: ids.draft,
  candidateId,
  status: 'draft',
  version: 3,
  createdAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-02T09:20:00Z',
  data: {
    identity: { firstName: 'Camille', lastName: 'Martin' },
    contact: { email: 'camille.martin@example.fr', phone: '06 12 34 56 78' },
    status: 'intern',
    specialty: 'medecine-generale',
    faculty: 'Faculté de médecine de Tours',
  },
} satisfies InstallationRequest);

export const submitted = checked('submitted', validateInstallationRequest, {
  ...draft,
  id: ids.submitted,
  status: 'proposals_ready',
  version: 8,
  submittedAt: '2026-10-05T10:00:00Z',
  referent: { id: 'ac65a843-bb76-4844-8718-27acc9039d52', displayName: 'Agnès Centre-Val-de-Loire', organisation: 'ars' },
  nextStep: { description: 'Choisir une proposition', waitingOn: 'candidate', dueDate: '2026-11-20' },
  data: {
    ...draft.data,
    targets: { communes: ['37072'], radiusKm: 20 },
    desiredInstallationDate: '2027-05-01',
    practice: { mode: 'msp', sector: '1', coordinatedPractice: true },
    needs: { premises: { surfaceM2Min: 20, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-04-01' } },
    aids: { interested: true },
    consents: { ars: true, cpam: true, ordre: true, collectivites: false },
  },
} satisfies InstallationRequest);

export const myRequests = checked('myRequests', validateInstallationRequestPage, {
  items: [submitted, draft],
  page: { limit: 50 },
} satisfies InstallationRequestPage);

function verdict(overrides: Partial<EligibilityVerdict> & Pick<EligibilityVerdict, 'schemeId' | 'schemeName' | 'status'>): EligibilityVerdict {
  return {
    schemeVersion: 1,
    funder: 'assurance-maladie',
    category: 'installation',
    evaluatedOn: '2027-05-01',
    dateBasis: 'installation',
    reasons: [
      { criterion: 'zone', code: 'zone-met', outcome: 'met', params: { zone: 'zip' }, message: 'Chinon est en zone d’intervention prioritaire (ZIP).' },
    ],
    amount: { estimated: null, basis: 'not-estimable', months: null, message: 'Montant fixé par la convention.' },
    hint: null,
    ...overrides,
  };
}

export const eligibility = checked('eligibility', validateEligibilityResult, {
  communeInsee: '37072',
  zone: 'zip',
  referenceDate: '2026-11-02',
  verdicts: [
    verdict({
      schemeId: 'caim',
      schemeName: 'Contrat d’aide à l’installation des médecins',
      status: 'eligible',
      reasons: [
        { criterion: 'zone', code: 'zone-met', outcome: 'met', params: { zone: 'zip' }, message: 'Chinon est en zone d’intervention prioritaire (ZIP).' },
        { criterion: 'sector', code: 'sector-met', outcome: 'met', params: { sector: '1' }, message: 'Le secteur 1 est accepté.' },
        { criterion: 'commitment', code: 'commitment-info', outcome: 'informative', params: { years: 5 }, message: 'Engagement d’exercer 5 ans dans la zone.' },
      ],
      amount: { estimated: { amountCents: 5_000_000, currency: 'EUR' }, basis: 'maximum', months: 60, message: '50 000 € au plus, versés en deux fois.' },
    }),
    verdict({
      schemeId: 'aide-primo-installation-zip',
      schemeName: 'Aide forfaitaire à la primo-installation en ZIP',
      status: 'eligible',
      amount: { estimated: { amountCents: 1_000_000, currency: 'EUR' }, basis: 'exact', months: null, message: '10 000 € versés à l’installation.' },
    }),
    verdict({
      schemeId: 'ptmg',
      schemeName: 'Praticien territorial de médecine générale',
      funder: 'ars',
      category: 'income-guarantee',
      status: 'needs-information',
      reasons: [
        {
          criterion: 'installation-stage',
          code: 'installation-unknown',
          outcome: 'unknown',
          params: {},
          message: 'Précisez si vous êtes installé depuis moins d’un an.',
        },
      ],
    }),
    verdict({
      schemeId: 'cesp',
      schemeName: 'Contrat d’engagement de service public',
      funder: 'state',
      category: 'study-allowance',
      status: 'not-eligible',
      dateBasis: 'request',
      reasons: [
        {
          criterion: 'audience',
          code: 'audience-not-met',
          outcome: 'not-met',
          params: { status: 'intern' },
          message: 'Réservé aux étudiants et aux internes avant leur dernière année.',
        },
      ],
      hint: { code: 'audience', params: {}, message: 'Ce contrat se signe pendant les études.' },
    }),
  ],
  bestCombination: {
    schemeIds: ['caim', 'aide-primo-installation-zip'],
    total: { amountCents: 6_000_000, currency: 'EUR' },
    excluded: [],
    message: 'Le contrat d’aide à l’installation et l’aide forfaitaire se cumulent.',
    headline: {
      open: 2,
      toClarify: 1,
      retained: 2,
      unestimated: 0,
      estimated: { amountCents: 6_000_000, currency: 'EUR' },
      upTo: true,
      title: '2 aides ouvertes, 1 aide à préciser',
      estimate: 'Montant estimé des aides cumulables : jusqu’à 60 000 €',
    },
  },
} satisfies EligibilityResult);

/** Open aids without an estimate, and a 5 000 € aid still to clarify: nothing adds up to a sum. */
export const eligibilityWithoutEstimate = checked('eligibilityWithoutEstimate', validateEligibilityResult, {
  ...eligibility,
  verdicts: [
    verdict({ schemeId: 'cstm', schemeName: 'Contrat de stabilisation et de coordination', status: 'eligible' }),
    verdict({
      schemeId: 'aide-logement-interne',
      schemeName: 'Aide au logement des internes',
      funder: 'departement',
      category: 'housing',
      status: 'needs-information',
      amount: { estimated: { amountCents: 500_000, currency: 'EUR' }, basis: 'maximum', months: null, message: '5 000 € au plus.' },
    }),
  ],
  bestCombination: { schemeIds: ['cstm'], total: { amountCents: 0, currency: 'EUR' }, excluded: [], message: 'Combinaison retenue : « Contrat de stabilisation et de coordination », montant non estimable à ce stade.', headline: { open: 1, toClarify: 1, retained: 1, unestimated: 1, title: '1 aide ouverte, 1 aide à préciser' } },
} satisfies EligibilityResult);

export const proposals = checked('proposals', validateProposalSet, {
  proposalSetId: ids.proposalSet,
  requestId: ids.submitted,
  requestVersion: 7,
  computedAt: '2026-10-20T08:00:00Z',
  trigger: 'request-submitted',
  bundles: [
    {
      id: ids.bundles[0] ?? '',
      rank: 1,
      communeCode: '37072',
      zone: 'zip',
      premisesOfferId: ids.premises,
      housingOfferId: ids.housing,
      jobOfferId: ids.job,
      distancesKm: { practiceToTarget: 0.8, housingToInternship: 2.4, jobToPractice: 5.1 },
      score: {
        total: 0.86,
        terms: [
          { code: 'distance', label: 'Proximité du lieu visé', weight: 0.4, value: 0.95, contribution: 0.38 },
          { code: 'aids', label: 'Aides ouvertes', weight: 0.3, value: 1, contribution: 0.3 },
          { code: 'rent', label: 'Loyer dans le budget', weight: 0.3, value: 0.6, contribution: 0.18 },
        ],
      },
      eligibility,
      explanation: 'Cabinet dans la maison de santé de Chinon, à 800 m du centre ; logement à 2 km du centre hospitalier ; emploi pour votre conjoint à 5 km.',
    },
    {
      id: ids.bundles[1] ?? '',
      rank: 2,
      communeCode: '37132',
      zone: 'zac',
      premisesOfferId: ids.premises,
      score: { total: 0.64, terms: [{ code: 'distance', label: 'Proximité du lieu visé', weight: 0.4, value: 0.5, contribution: 0.2 }] },
      eligibility: { ...eligibility, communeInsee: '37132', zone: 'zac' },
      explanation: 'Cabinet individuel à Loches, en zone d’action complémentaire.',
    },
  ],
} satisfies ProposalSet);

/** The same proposals as intake serves them: the aids each bundle opens or may open, with what they lack. */
export const proposalDigest = checked('proposalDigest', validateProposalDigest, {
  ...proposals,
  bundles: proposals.bundles.map(({ eligibility: result, ...bundle }) => ({
    ...bundle,
    aids: result.verdicts.flatMap(({ schemeId, schemeName, funder, status, amount, reasons }) =>
      status === 'not-eligible'
        ? []
        : [{ schemeId, schemeName, funder, status, amount, failing: reasons.flatMap(({ criterion, code, outcome, message }) => (outcome === 'not-met' || outcome === 'unknown' ? [{ criterion, code, outcome, message }] : [])) }],
    ),
    aidsNotOpen: result.verdicts.filter((verdict) => verdict.status === 'not-eligible').length,
    bestCombination: { schemeIds: result.bestCombination.schemeIds, total: result.bestCombination.total },
  })),
} satisfies ProposalDigest);

export const premisesOffer = checked('premisesOffer', validateOffer, {
  id: ids.premises,
  kind: 'premises',
  status: 'available',
  version: 1,
  publisherId: '47abf055-376c-43f4-83f4-35e12f0c7af0',
  territory: { regions: ['24'], departements: ['37'], communes: ['37072'] },
  publishedAt: '2026-09-01T08:00:00Z',
  updatedAt: '2026-09-01T08:00:00Z',
  details: {
    premisesType: 'msp-room',
    title: 'Cabinet dans la maison de santé de Chinon',
    communeCode: '37072',
    surfaceM2: 22,
    monthlyRent: { amountCents: 45000, currency: 'EUR' },
    availableFrom: '2027-01-01',
  },
} satisfies Offer);

export const housingOffer = checked('housingOffer', validateOffer, {
  id: ids.housing,
  kind: 'housing',
  status: 'available',
  version: 1,
  publisherId: '47abf055-376c-43f4-83f4-35e12f0c7af0',
  territory: { regions: ['24'], departements: ['37'], communes: ['37072'] },
  publishedAt: '2026-09-01T08:00:00Z',
  updatedAt: '2026-09-01T08:00:00Z',
  details: {
    title: 'Studio près du centre hospitalier',
    communeCode: '37072',
    beds: 1,
    monthlyPrice: { amountCents: 35000, currency: 'EUR' },
    availablePeriods: [{ from: '2026-11-02', until: '2027-05-01' }],
    eligibleOccupants: ['intern', 'junior-doctor'],
  },
} satisfies Offer);

export const jobOffer = checked('jobOffer', validateOffer, {
  id: ids.job,
  kind: 'job',
  status: 'reserved',
  version: 2,
  publisherId: '47abf055-376c-43f4-83f4-35e12f0c7af0',
  territory: { regions: ['24'], departements: ['37'], communes: ['37003'] },
  publishedAt: '2026-09-03T08:00:00Z',
  updatedAt: '2026-10-01T08:00:00Z',
  details: {
    title: 'Professeur des écoles',
    profession: 'education-enseignement',
    employer: 'Éducation nationale',
    employmentSector: 'public',
    communeCode: '37003',
    contractType: 'permanent',
    workingTime: 'full-time',
  },
} satisfies Offer);

/** A housing of three beds, one of them reserved: still available, but it cannot be withdrawn. */
const housing = housingOffer as HousingOffer;
const premises = premisesOffer as PremisesOffer;
export const sharedHousingOffer = checked('sharedHousingOffer', validateOffer, {
  ...housing,
  id: ids.sharedHousing,
  version: 2,
  updatedAt: '2026-10-02T08:00:00Z',
  reservations: [{ requestId: ids.submitted, reservationId: 'e1000000-0000-4000-8000-000000000001', reservedAt: '2026-10-02T08:00:00Z' }],
  bedsAvailable: 2,
  details: { ...housing.details, title: 'Colocation de trois chambres à Chinon', beds: 3 },
} satisfies HousingOffer);

/** The publisher's first page of 50 among 54 offers (the fixture holds four of them), and the last page. */
export const offerPage = checked('offerPage', validateOfferPage, {
  items: [premisesOffer, housingOffer, jobOffer, sharedHousingOffer],
  total: 54,
  page: { limit: 50, nextCursor: 'cGFnZS0y' },
} satisfies OfferPage);

export const lastOfferPage = checked('lastOfferPage', validateOfferPage, {
  items: [{ ...premises, id: 'c5a0e3f2-6b1d-4e8a-9c7f-2d4b6a8e0f54', details: { ...premises.details, title: 'Cabinet publié en dernier à Loches' } } satisfies PremisesOffer],
  total: 54,
  page: { limit: 50 },
} satisfies OfferPage);

const names = ['Camille Martin', 'Yanis Bernard', 'Léa Dubois', 'Hugo Moreau'];
const statuses = ['submitted', 'under_review', 'awaiting_candidate', 'proposals_ready'] as const;
const zones = ['zip', 'zac', 'none', 'zip'] as const;

export const casePage = checked('casePage', validateCasePage, {
  items: ids.cases.map((id, index) => ({
    id,
    status: statuses[index] ?? 'submitted',
    candidateStatus: index === 3 ? 'junior-doctor' : 'intern',
    ...(index === 3 ? { placement: { communeCode: '36018', startDate: '2026-11-02', endDate: '2027-05-02' } } : {}),
    specialty: index === 2 ? 'pediatrie' : 'medecine-generale',
    candidateName: names[index] ?? 'Candidat',
    territory: { regions: ['24'], departements: [index === 3 ? '41' : '37'], ...(index === 0 ? { communes: ['37072', '37132'] } : {}) },
    bestZone: zones[index] ?? 'none',
    ...(index === 1 ? { referent: { id: 'ac65a843-bb76-4844-8718-27acc9039d52', displayName: 'Agnès Centre-Val-de-Loire' } } : {}),
    submittedAt: `2026-10-0${index + 1}T09:00:00Z`,
    statusSince: `2026-10-1${index}T09:00:00Z`,
    ageDays: 30 - index,
    dueDate: `2026-11-0${index + 2}`,
    overdue: index === 0,
  })),
  page: { limit: 50 },
} satisfies CasePage);

export const caseDetail = checked('caseDetail', validateCaseDetail, {
  request: {
    ...submitted,
    id: ids.cases[0] ?? '',
    status: 'under_review',
    version: 5,
    referent: { id: 'ac65a843-bb76-4844-8718-27acc9039d52', displayName: 'Agnès Centre-Val-de-Loire' },
  },
  timeInStatus: [
    { status: 'submitted', days: 2, countsAgainstDesk: true, targetDays: 5 },
    { status: 'under_review', days: 12, countsAgainstDesk: true, targetDays: 10 },
    { status: 'awaiting_candidate', days: 4, countsAgainstDesk: false },
  ],
  infoRequests: [
    {
      id: 'e1000000-0000-4000-8000-000000000001',
      question: 'Pouvez-vous joindre votre attestation de stage ?',
      dueDate: '2026-10-25',
      status: 'answered',
      requestedBy: 'ac65a843',
      requestedAt: '2026-10-12T09:00:00Z',
      answer: 'Attestation envoyée par courriel.',
      answeredAt: '2026-10-16T09:00:00Z',
    },
  ],
  commentCount: 1,
} satisfies CaseDetail);

export const audit = checked('audit', validateAuditTrail, {
  items: [
    {
      id: 'f0000000-0000-4000-8000-000000000000',
      at: '2026-09-30T09:00:00Z',
      actor: { kind: 'candidate', id: candidateId },
      action: 'update-request',
      changes: [
        { field: 'data.needs.housing.from', before: '2026-11-01', after: '2026-11-02' },
        { field: 'data.needs.housing.maxMonthlyRent.amountCents', before: 35000, after: 40000 },
      ],
    },
    { id: 'f1000000-0000-4000-8000-000000000001', at: '2026-10-01T09:00:00Z', actor: { kind: 'candidate', id: candidateId }, action: 'submit' },
    {
      id: 'f2000000-0000-4000-8000-000000000002',
      at: '2026-10-03T09:00:00Z',
      actor: { kind: 'caseworker-ars', id: 'ac65a843-bb76-4844-8718-27acc9039d52' },
      action: 'change-status',
      reason: 'Dossier complet, instruction commencée.',
      changes: [{ field: 'status', before: 'submitted', after: 'under_review' }],
    },
    // An agent who is neither the case's referent nor the signed-in user: named by the entry itself.
    {
      id: 'f4000000-0000-4000-8000-000000000004',
      at: '2026-10-05T09:00:00Z',
      actor: { kind: 'caseworker-ars', id: 'b4c3ebd9-0c8e-4f4f-9a55-3f0e2d7c1a10' },
      actorName: 'Bruno Indre',
      action: 'request-information',
      reason: 'Pouvez-vous joindre votre attestation de stage ?',
    },
  ],
} satisfies AuditTrail);

export const comments = checked('comments', validateCommentList, {
  items: [
    {
      id: 'f3000000-0000-4000-8000-000000000003',
      authorId: 'ac65a843',
      authorRole: 'caseworker-ars',
      authorName: 'Agnès Centre-Val-de-Loire',
      text: 'Appeler la mairie de Chinon pour le logement.',
      createdAt: '2026-10-04T09:00:00Z',
    },
  ],
} satisfies CommentList);

export const accessLog: AccessLog = {
  items: [
    {
      at: '2026-10-03T09:00:00Z',
      actorKind: 'caseworker-ars',
      actorName: 'Agnès Centre-Val-de-Loire',
      organisation: 'ARS Centre-Val de Loire',
      action: 'status-change',
    },
    { at: '2026-10-20T08:00:00Z', actorKind: 'system', action: 'update' },
  ],
};

/** The région's outcomes over 2026, figures chosen to be told apart on the page. */
export const statistics = checked('statistics', validateCaseStatistics, {
  period: { from: '2026-01-01', to: '2026-12-07' },
  territory: { regions: ['24'], departements: [] },
  generatedAt: '2026-12-07T09:00:00.000Z',
  received: 142,
  byStatus: [
    { status: 'installed', count: 61 },
    { status: 'under_review', count: 47 },
    { status: 'proposals_ready', count: 26 },
    { status: 'withdrawn', count: 8 },
  ],
  byProject: [
    { project: 'msp', count: 88 },
    { project: 'group', count: 54 },
  ],
  firstProposal: { medianDays: 6.5, cases: 87 },
  installation: { medianDays: 74, cases: 61 },
  deskWaiting: { medianDays: 9, cases: 142 },
  installationsByZone: [
    { zone: 'zip', count: 39 },
    { zone: 'zac', count: 22 },
  ],
  offersFilled: [
    { kind: 'premises', count: 58 },
    { kind: 'housing', count: 17 },
  ],
} satisfies CaseStatistics);

export const openData = checked('openData', validateOpenDataStatistics, {
  period: statistics.period,
  territory: statistics.territory,
  threshold: 11,
  rows: [
    { indicator: 'demandes-recues', category: 'total', label: 'Demandes reçues', value: 142, people: 142, suppressed: null },
    { indicator: 'demandes-par-statut', category: 'withdrawn', label: 'Demandes par statut : Retiré', value: null, suppressed: 'primary' },
  ],
} satisfies OpenDataStatistics);

export const openDataCsv = '\uFEFFindicateur;modalite;libelle;valeur;personnes;masquage\r\ndemandes-recues;total;Demandes reçues;142;142;\r\ndemandes-par-statut;withdrawn;Demandes par statut : Retiré;;;secret statistique : moins de 11 personnes\r\n';

const arrete = { reference: 'Arrêté ARS CVL n° 2025-DOS-0042', signedOn: '2025-02-14', url: 'https://www.centre-val-de-loire.ars.sante.fr/zonage-medecins' };

/**
 * Matching's zoning of the communes the first case targets: Chinon in ZIP, Loches in ZAC since 2025
 * (ZIP before); and of the last case's placement, Le Blanc, in ZIP.
 */
export const zoning: Record<string, ZoningHistory> = {
  '37072': checked('zoning37072', validateZoningHistory, {
    communeCode: '37072',
    entries: [{ communeCode: '37072', regionCode: '24', zone: 'zip', effectiveFrom: '2025-03-01', arrete }],
  } satisfies ZoningHistory),
  '37132': checked('zoning37132', validateZoningHistory, {
    communeCode: '37132',
    entries: [
      { communeCode: '37132', regionCode: '24', zone: 'zip', effectiveFrom: '2022-03-01', effectiveUntil: '2025-03-01', arrete },
      { communeCode: '37132', regionCode: '24', zone: 'zac', effectiveFrom: '2025-03-01', arrete },
    ],
  } satisfies ZoningHistory),
  '36018': checked('zoning36018', validateZoningHistory, {
    communeCode: '36018',
    entries: [{ communeCode: '36018', regionCode: '24', zone: 'zip', effectiveFrom: '2025-03-01', arrete }],
  } satisfies ZoningHistory),
};
