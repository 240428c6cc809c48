import type { AidAmount, AidCategory, AidCriterion, AidDateBasis, AidPayment, AudienceStatus, IsoDate, ProjectKind, RegionCode } from '@guichet/contracts';

/**
 * How each seeded scheme reads as a rule: what it is for (category, project, the date that
 * matters), who receives it, how its amount runs over time, with a French note for the amount.
 * Amount values themselves come from the seed; only their reading is stated here.
 */
export interface SchemeReading {
  readonly category: AidCategory;
  /** Projects the scheme concerns; empty for support services open to any project. */
  readonly projects: readonly ProjectKind[];
  /** The project is also met by a doctor already installed. */
  readonly projectOrInstalled?: boolean;
  readonly dateBasis: AidDateBasis;
  readonly beneficiary?: 'structure';
  readonly amount: AmountReading;
  readonly exclusiveGroups?: readonly string[];
  readonly extraCriteria?: readonly AidCriterion[];
  readonly regions?: readonly RegionCode[];
  /** A date the seed leaves null but a cited fact gives. */
  readonly validFrom?: IsoDate;
  /** Audience narrower than the seed's words say (a cited fact restricts it). */
  readonly statuses?: readonly AudienceStatus[];
  /** Criteria that state an obligation of the future practice, not a present condition. */
  readonly futureObligations?: readonly ('zone' | 'sector')[];
}

export interface AmountReading {
  readonly nature: AidAmount['nature'];
  readonly paidOver: AidAmount['paidOver'];
  readonly paidOverMonths?: number;
  /** Seed period read differently (e.g. « per semester » written as « once »). */
  readonly period?: AidPayment['period'];
  readonly upTo?: boolean;
  /** How the seed's cap reads; ignored when it only restates the value or caps a part not modelled. */
  readonly cap?: 'total' | 'per-year';
  readonly feeSupplementPercent?: number;
  /** Payments the seed only describes in its notes. */
  readonly payments?: readonly { readonly period: AidPayment['period']; readonly euros: number; readonly count: number }[];
  readonly note: string;
}

/**
 * Local-authority installation aids (art. L1511-8 CGCT) must target the ARS zones: « installation in
 * the département » is not enough [001:965-968, 001:1420-1423]. The seed writes « local » for them.
 */
const LOCAL_AID_ZONES: AidCriterion = { kind: 'zone', accepted: ['zip', 'zac'] };

const SUPPORT: SchemeReading = {
  category: 'support-service',
  projects: [],
  dateBasis: 'request',
  amount: { nature: 'service', paidOver: 'commitment', note: 'Accompagnement, sans aide financière.' },
};

const INTERNSHIP_HOUSING = (note: string): SchemeReading => ({
  category: 'housing',
  projects: ['internship'],
  dateBasis: 'internship',
  amount: { nature: 'in-kind', paidOver: 'internship', note },
});

export const SCHEME_READINGS: Readonly<Record<string, SchemeReading>> = {
  cesp: {
    category: 'study-allowance',
    projects: ['studies'],
    dateBasis: 'request',
    futureObligations: ['zone', 'sector'],
    amount: { nature: 'grant', paidOver: 'fixed-months', paidOverMonths: 24, note: "Allocation brute mensuelle versée pendant les études ; estimation sur 24 mois, la durée minimale d'engagement." },
  },
  'indemnite-transport-stage-ambulatoire': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    extraCriteria: [{ kind: 'study-year', minStudentYear: 4 }],
    amount: { nature: 'grant', paidOver: 'internship', note: 'Indemnité forfaitaire brute versée chaque mois de stage.' },
  },
  'indemnite-hebergement-internes-zone-sous-dense': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    validFrom: '2018-11-01',
    amount: { nature: 'grant', paidOver: 'internship', note: 'Indemnité forfaitaire brute versée chaque mois de stage (décret 2018-571).' },
  },
  ptmg: {
    category: 'income-guarantee',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'income-guarantee', paidOver: 'fixed-months', paidOverMonths: 24, note: "Revenu brut garanti de 6 900 € par mois pendant 2 ans au plus : un complément n'est versé que si l'activité rapporte moins ; garantie aussi pendant un congé maladie ou parental." },
  },
  ptma: {
    category: 'income-guarantee',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'income-guarantee', paidOver: 'commitment', note: 'Pas de rémunération supplémentaire : forfait versé pendant un congé maternité, paternité ou maladie.' },
  },
  ptmr: {
    category: 'income-guarantee',
    projects: ['replacement'],
    dateBasis: 'request',
    amount: { nature: 'income-guarantee', paidOver: 'commitment', note: 'Complément annuel (montant non précisé par les sources) et garantie de revenu pendant un congé maladie ou parental.' },
  },
  pias: {
    category: 'other',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'grant', paidOver: 'commitment', note: "2 300 € par an d'aide à l'investissement ; s'y ajoute une aide à l'activité de 5 % des revenus, plafonnée à 4 600 € par an, non estimée ici." },
  },
  'contrat-debut-exercice': {
    category: 'income-guarantee',
    projects: ['installation', 'replacement'],
    dateBasis: 'installation',
    amount: { nature: 'income-guarantee', paidOver: 'commitment', note: 'Garantie de revenu pendant 3 ans (montants non précisés par les sources).' },
  },
  // A two-year salaried post shared between a hospital and an ambulatory structure for a doctor
  // just out of the internship, from November 2018 [004:359-362]: not an aid to every installation.
  'assistant-partage-ville-hopital': {
    category: 'other',
    projects: ['installation'],
    dateBasis: 'installation',
    statuses: ['graduated-doctor'],
    validFrom: '2018-11-01',
    extraCriteria: [{ kind: 'practice-mode', modes: ['salaried'] }],
    amount: { nature: 'unspecified', paidOver: 'commitment', note: 'Poste d’assistant financé 2 ans ; rémunération non précisée par les sources.' },
  },
  'dispositif-400-medecins': {
    category: 'income-guarantee',
    projects: ['installation'],
    dateBasis: 'installation',
    beneficiary: 'structure',
    amount: { nature: 'income-guarantee', paidOver: 'commitment', note: 'Garantie versée pendant 2 ans au gestionnaire du centre de santé qui salarie le médecin.' },
  },
  'exoneration-ir-permanence-des-soins': {
    category: 'tax-exemption',
    projects: ['installation', 'replacement'],
    dateBasis: 'installation',
    amount: { nature: 'tax-exemption', paidOver: 'commitment', note: "Exonération d'impôt sur le revenu des rémunérations de permanence des soins." },
  },
  'exoneration-ir-installation-zrr': {
    category: 'tax-exemption',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'tax-exemption', paidOver: 'commitment', note: "Exonération d'impôt sur le revenu pendant 4 ans (source de 2010)." },
  },
  'exoneration-ir-installation-zfu': {
    category: 'tax-exemption',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'tax-exemption', paidOver: 'commitment', note: "Exonération d'impôt sur le revenu pendant 4 ans (source de 2010)." },
  },
  'exoneration-cotisations-cumul-emploi-retraite': {
    category: 'tax-exemption',
    projects: [],
    dateBasis: 'request',
    amount: { nature: 'tax-exemption', paidOver: 'commitment', note: 'Exonération des cotisations vieillesse complémentaires des médecins retraités en cumul emploi-retraite.' },
  },
  'indemnite-pedagogique-msu': {
    category: 'training',
    projects: ['internship-supervision'],
    dateBasis: 'request',
    amount: { nature: 'grant', paidOver: 'fixed-months', paidOverMonths: 6, note: "Versée par l'université pour chaque mois d'accueil, au prorata pour un stage partagé ; estimation sur un semestre." },
  },
  'prime-exercice-territorial': {
    category: 'fee-supplement',
    projects: ['secondary-practice'],
    dateBasis: 'request',
    amount: { nature: 'fee-supplement', paidOver: 'commitment', note: 'Prime des praticiens hospitaliers pour des consultations avancées sur un site secondaire (montant non précisé).' },
  },
  caim: {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'grant', paidOver: 'commitment', upTo: true, note: "50 000 € pour 4 jours d'activité libérale ou plus par semaine, montant réduit en dessous." },
  },
  // Any conventioned doctor installed in a ZIP, in coordinated or group practice [001:2853-2854].
  coscom: {
    category: 'other',
    projects: ['installation'],
    projectOrInstalled: true,
    dateBasis: 'installation',
    amount: { nature: 'grant', paidOver: 'commitment', note: "Forfait de 5 000 € par an ; plus 300 € par mois d'accueil d'un stagiaire et 1 250 € par an pour une activité en hôpital de proximité, non estimés ici." },
  },
  // A doctor installed in a ZIP who is stopping and hosts a successor [001:2862-2864].
  cotram: {
    category: 'fee-supplement',
    statuses: ['installed-doctor'],
    projects: ['succession-hosting'],
    dateBasis: 'request',
    amount: { nature: 'fee-supplement', paidOver: 'commitment', cap: 'per-year', feeSupplementPercent: 10, note: "Majoration de 10 % des honoraires du médecin qui prépare sa retraite et accueille son successeur, plafonnée à 20 000 € par an." },
  },
  cstm: {
    category: 'fee-supplement',
    projects: ['secondary-practice'],
    dateBasis: 'request',
    amount: { nature: 'fee-supplement', paidOver: 'commitment', cap: 'per-year', feeSupplementPercent: 25, note: "Majoration de 25 % des honoraires réalisés dans la zone, plafonnée à 50 000 € par an, plus les frais de déplacement." },
  },
  'aci-msp': {
    category: 'other',
    projects: ['coordinated-structure'],
    dateBasis: 'request',
    beneficiary: 'structure',
    amount: { nature: 'grant', paidOver: 'fixed-months', paidOverMonths: 12, upTo: true, note: 'Rémunération annuelle de la structure (MSP ou centre de santé), jusqu’à 70 000 € par an.' },
  },
  'aide-assistant-medical': {
    category: 'other',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'unspecified', paidOver: 'commitment', note: "Aide à l'emploi d'un assistant médical (montant non précisé par les sources)." },
  },
  'majoration-honoraires-zone-deficitaire-2007': {
    category: 'fee-supplement',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'fee-supplement', paidOver: 'commitment', feeSupplementPercent: 20, note: 'Majoration de 20 % des honoraires (2007), remplacée par les contrats de la convention de 2016.' },
  },
  'aide-installation-collectivite': {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'unspecified', paidOver: 'commitment', note: 'Montant et forme fixés par chaque collectivité : prime, locaux, logement ou investissement.' },
  },
  'mise-a-disposition-locaux-collectivite': {
    category: 'premises',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'in-kind', paidOver: 'commitment', note: 'Locaux gratuits ou à loyer réduit mis à disposition par la collectivité.' },
  },
  'mise-a-disposition-logement-collectivite': {
    category: 'housing',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'in-kind', paidOver: 'commitment', note: 'Logement mis à disposition par la collectivité.' },
  },
  'indemnite-logement-deplacement-stage-collectivite': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    amount: { nature: 'grant', paidOver: 'internship', upTo: true, cap: 'per-year', note: "Plafond : 20 % des émoluments d'un interne de 3e année, soit 425 € bruts par mois et 5 100 € par an, tous financeurs confondus." },
  },
  'indemnite-etude-projet-professionnel': {
    category: 'study-allowance',
    futureObligations: ['zone'],
    projects: ['studies'],
    dateBasis: 'request',
    amount: { nature: 'unspecified', paidOver: 'commitment', note: "Montant fixé par la collectivité ; pendant l'internat, plafonné aux émoluments annuels d'un interne de 3e année (environ 25 500 € par an)." },
  },
  'exoneration-cfe-cabinet-secondaire': {
    category: 'tax-exemption',
    projects: ['installation', 'secondary-practice'],
    dateBasis: 'installation',
    amount: { nature: 'tax-exemption', paidOver: 'commitment', note: 'Exonération de cotisation foncière des entreprises de 2 à 5 ans, votée par la commune ou l’EPCI.' },
  },
  'aide-formation-maitre-de-stage-collectivite': {
    category: 'training',
    projects: ['internship-supervision'],
    dateBasis: 'request',
    amount: { nature: 'unspecified', paidOver: 'commitment', note: 'Prise en charge de la formation de maître de stage (montant fixé par la collectivité).' },
  },
  'bourse-etudes-vienne': {
    category: 'study-allowance',
    futureObligations: ['zone'],
    projects: ['studies'],
    dateBasis: 'request',
    amount: { nature: 'grant', paidOver: 'fixed-months', paidOverMonths: 64, cap: 'total', note: 'En moyenne 600 € par mois de la 4e à la 9e année, dégressif en fin de cursus ; 38 400 € au total.' },
  },
  'bourse-stage-auvergne-rhone-alpes': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    amount: { nature: 'grant', paidOver: 'internship', period: 'semester', note: 'Bourse de 3 000 € par semestre de stage.' },
  },
  'aide-stage-ardeche': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    amount: { nature: 'grant', paidOver: 'internship', note: 'Aide mensuelle pendant le stage.' },
  },
  'logement-internes-cher': INTERNSHIP_HOUSING('Logement meublé sans loyer : seul un forfait de 40 € par mois reste à payer.'),
  'maison-des-internes-roannais': INTERNSHIP_HOUSING('Maison des internes (4 places) ; conditions de loyer non précisées.'),
  'colocation-internes-valence': { ...INTERNSHIP_HOUSING('Colocation à loyer préférentiel pour 3 internes.'), validFrom: '2020-11-01' },
  'hebergement-stagiaires-aisne': INTERNSHIP_HOUSING('Hébergement sans reste à charge pendant le stage.'),
  'prime-stage-aisne': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    amount: { nature: 'grant', paidOver: 'internship', note: 'Prime versée une fois pour le stage.' },
  },
  'aide-mobilite-hauts-de-france': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    amount: { nature: 'unspecified', paidOver: 'internship', note: '0,25 € par kilomètre parcouru : le montant dépend des trajets.' },
  },
  'bourse-stage-lozere': {
    category: 'internship-allowance',
    projects: ['internship'],
    dateBasis: 'internship',
    amount: { nature: 'grant', paidOver: 'internship', note: 'Bourse mensuelle pendant le stage, plus les frais de déplacement (source de 2010).' },
  },
  'bourse-engagement-lozere': {
    category: 'study-allowance',
    projects: ['internship', 'replacement'],
    dateBasis: 'internship',
    amount: { nature: 'grant', paidOver: 'internship', note: "Bourse mensuelle pendant l'internat contre 5 ans d'exercice en Lozère (source de 2010)." },
  },
  'wanted-jeunes-medecins-allier': {
    category: 'study-allowance',
    projects: ['studies', 'internship'],
    dateBasis: 'request',
    amount: {
      nature: 'grant',
      paidOver: 'fixed-months',
      paidOverMonths: 36,
      payments: [
        { period: 'month', euros: 700, count: 12 },
        { period: 'month', euros: 1000, count: 12 },
        { period: 'month', euros: 1500, count: 12 },
      ],
      note: '700 € par mois la 1re année, 1 000 € la 2e, 1 500 € la 3e (source de 2010).',
    },
  },
  'aide-installation-rhone-alpes-2010': {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    regions: ['84'],
    amount: { nature: 'grant', paidOver: 'commitment', note: 'Aide versée une fois (source de 2010).' },
  },
  'accim-ardenne-rives-de-meuse': {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    extraCriteria: [
      LOCAL_AID_ZONES,
      { kind: 'to-confirm', code: 'ardenne-rives-de-meuse', message: 'installation dans une commune de la communauté de communes Ardenne Rives de Meuse.' },
    ],
    amount: { nature: 'grant', paidOver: 'commitment', upTo: true, note: 'Avance remboursable convertible en subvention, pour locaux, équipement, véhicule ou parts de société.' },
  },
  'subvention-installation-oise': {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    extraCriteria: [LOCAL_AID_ZONES],
    amount: { nature: 'grant', paidOver: 'commitment', upTo: true, note: "50 % des dépenses d'installation, 40 000 € au plus." },
  },
  'pret-taux-zero-oise': {
    category: 'premises',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'loan', paidOver: 'commitment', note: 'Prêt à taux zéro de 8 000 à 50 000 € sur 2 à 5 ans, premier remboursement différable de 12 mois.' },
  },
  'paris-med': {
    category: 'premises',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'grant', paidOver: 'commitment', upTo: true, note: 'Jusqu’à 15 000 € par professionnel installé pour l’aménagement des locaux.' },
  },
  'msp-indre-cabinets-secondaires': {
    category: 'premises',
    projects: ['coordinated-structure'],
    dateBasis: 'request',
    beneficiary: 'structure',
    amount: { nature: 'grant', paidOver: 'commitment', upTo: true, note: '25 % des travaux hors taxes, 200 000 € au plus.' },
  },
  'msp-haute-savoie': {
    category: 'premises',
    projects: ['coordinated-structure'],
    dateBasis: 'request',
    beneficiary: 'structure',
    amount: { nature: 'grant', paidOver: 'commitment', upTo: true, note: '20 % des dépenses immobilières sur une base plafonnée à 500 000 €, et 20 % du premier équipement informatique.' },
  },
  'location-vente-msp-castelnau-magnoac': {
    category: 'premises',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'in-kind', paidOver: 'commitment', note: 'Location-vente : propriétaire des locaux une fois le prêt de la communauté de communes remboursé.' },
  },
  'cabinet-ephemere-pontarlier': {
    category: 'premises',
    projects: ['installation', 'replacement'],
    dateBasis: 'request',
    amount: { nature: 'in-kind', paidOver: 'commitment', note: 'Locaux gratuits, revenu garanti pour les vacations et frais kilométriques payés par l’ARS.' },
  },
  'presence-medicale-64': SUPPORT,
  'accueil-medecin-aveyron': SUPPORT,
  'soigner-dans-le-28': SUPPORT,
  'guichet-unique-loir-et-cher': SUPPORT,
  'la-passerelle-grand-est': SUPPORT,
  'accompagnement-emploi-conjoint-mayenne': SUPPORT,
  'bilan-competences-conjoint-lot-et-garonne': SUPPORT,
  'convention-pole-emploi-conjoints-vosges': SUPPORT,
  'centre-departemental-sante-saone-et-loire': {
    category: 'other',
    projects: ['installation'],
    dateBasis: 'installation',
    amount: { nature: 'service', paidOver: 'commitment', note: 'Emploi salarié par le département dans un centre de santé.' },
  },
  'aide-primo-installation-zip': {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    exclusiveGroups: ['primo-installation-assurance-maladie'],
    amount: { nature: 'grant', paidOver: 'commitment', note: "Versée une fois par la CPAM du lieu d'exercice principal dans les 3 mois suivant l'installation." },
  },
  'aide-primo-installation-zac': {
    category: 'installation',
    projects: ['installation'],
    dateBasis: 'installation',
    exclusiveGroups: ['primo-installation-assurance-maladie'],
    amount: { nature: 'grant', paidOver: 'commitment', note: "Versée une fois par la CPAM du lieu d'exercice principal dans les 3 mois suivant l'installation." },
  },
  'aide-cabinet-secondaire-zip': {
    category: 'other',
    projects: ['secondary-practice'],
    dateBasis: 'installation',
    amount: { nature: 'grant', paidOver: 'commitment', note: "Versée une fois pour l'ouverture d'un cabinet secondaire en ZIP." },
  },
};
