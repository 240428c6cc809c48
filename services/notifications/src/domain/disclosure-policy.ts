import type { CaseProfile } from './case-projection.js';
import type { SourceEventType, Stakeholder } from './stakeholders.js';

/**
 * One disclosed field: its path in the projection (dots for objects, `[]` for the items of a
 * list of objects), why the stakeholder needs it, and whether it leaves only with the
 * candidate's consent (`request.consents.<family>`).
 */
export interface Disclosure {
  readonly field: string;
  readonly purpose: string;
  readonly requiresConsent: boolean;
}

type Row = readonly Disclosure[];

const give = (field: string, purpose: string): Disclosure => ({ field, purpose, requiresConsent: false });
const withConsent = (field: string, purpose: string): Disclosure => ({ field, purpose, requiresConsent: true });

// Every stakeholder event carries this envelope: pseudonymous, dated, and filterable by territory.
const envelope: Row = [
  give('stakeholder', 'Famille destinataire : le récepteur vérifie que le message lui est destiné.'),
  give('requestId', 'Référence pseudonyme du dossier : relier les événements d’un même dossier sans identité.'),
  give('sourceEventId', 'Identifiant du fait d’origine : écarter les doublons à la réception.'),
  give('sourceEventType', 'Nature du fait transmis.'),
  give('occurredAt', 'Date du fait : ordonner et dater le suivi du dossier.'),
  give('territory.regions', 'Région concernée : ne retenir que les dossiers de son ressort.'),
  give('territory.departements', 'Département concerné : ne retenir que les dossiers de son ressort.'),
  give('territory.communes', 'Communes concernées : ne retenir que les dossiers de son ressort.'),
];

const money = (path: string, purpose: string): Row => [give(`${path}.amountCents`, purpose), give(`${path}.currency`, purpose)];

const aidList = (path: string, purpose: string): Row => [
  give(`${path}[].schemeId`, purpose),
  give(`${path}[].status`, `${purpose} Verdict d’éligibilité établi par le guichet.`),
  ...money(`${path}[].estimated`, `${purpose} Montant estimé sur la durée d’engagement.`),
];

const identity = (purpose: string): Row => [
  withConsent('identity.firstName', purpose),
  withConsent('identity.lastName', purpose),
  withConsent('identity.rpps', `${purpose} Le numéro RPPS identifie le professionnel sans ambiguïté.`),
];

const status = (purpose: string): Disclosure => give('status', purpose);

// ARS: zoning, State contracts and co-signature of every local aid convention (domain-facts §2).
const arsRequest: Row = [
  status('Statut du dossier : suivre l’instruction au guichet commun ARS / Assurance Maladie.'),
  give('candidateStatus', 'Situation du candidat (étudiant, interne, docteur junior, médecin) : orienter vers les contrats d’État adaptés.'),
  give('specialty', 'Spécialité : apprécier le besoin au regard du zonage arrêté par l’ARS.'),
  give('targets[].communeCode', 'Communes visées : l’ARS fixe le zonage et suit l’offre de soins de ces communes.'),
  give('targets[].zone', 'Zonage (ZIP / ZAC) des communes visées : il conditionne les aides de l’État et les conventions locales.'),
  give('targetDepartements', 'Départements visés : orienter vers la délégation départementale compétente.'),
  give('practiceMode', 'Mode d’exercice envisagé : l’ARS valide les projets de santé des MSP et centres de santé.'),
  give('sector', 'Secteur conventionnel envisagé : condition d’accès aux contrats d’État.'),
  give('desiredInstallationDate', 'Date d’installation souhaitée : les aides s’apprécient à cette date.'),
  give('placement.communeCode', 'Commune du stage de 4e année d’un docteur junior : l’ARS suit ces stages en zone sous-dotée comme sa propre file.'),
  give('placement.zone', 'Zonage de la commune du stage au premier jour : les aides au logement et au transport de stage s’y apprécient.'),
  give('placement.startDate', 'Début du stage du docteur junior : période des aides de stage.'),
  give('placement.endDate', 'Fin du stage du docteur junior : période des aides de stage.'),
  give('aidsRequested', 'Aides demandées par le candidat : préparer les contrats et les conventions.'),
];

const arsAcceptedBundle: Row = [
  give('acceptedBundle.communeCode', 'Commune du projet retenu : l’ARS cosigne les conventions d’aide locales (art. L1511-8 CGCT).'),
  give('acceptedBundle.zone', 'Zonage de la commune retenue : vérifier l’éligibilité des aides à signer.'),
  give('acceptedBundle.recommendedAidIds', 'Aides à conventionner pour le projet retenu.'),
  ...identity('Identité du signataire, seulement avec le consentement du candidat, lorsqu’un contrat ou une convention se prépare.'),
];

// CPAM: conventionnement and Assurance Maladie aids; never spouse, housing or family data.
const cpamInstallationBase: Row = [
  give('installation.plannedDate', 'Date d’installation prévue : point de départ du conventionnement.'),
  give('installation.sector', 'Secteur conventionnel (1, 2, OPTAM) : il conditionne les aides conventionnelles.'),
  give('installation.practiceMode', 'Mode d’exercice : certains contrats exigent un exercice de groupe.'),
  give('installation.coordinatedPractice', 'Exercice coordonné (MSP, CPTS) : condition des aides conventionnelles.'),
];

const cpamInstallationPlace: Row = [
  give('installation.communeCode', 'Commune d’exercice : elle désigne la CPAM compétente.'),
  give('installation.zone', 'Zonage de la commune d’exercice : les aides conventionnelles exigent une ZIP.'),
  give('installation.premisesOfferId', 'Local d’exercice retenu (offre publique du catalogue) : lieu d’exercice à enregistrer.'),
  ...aidList('conventionalAids', 'Aides de l’Assurance Maladie ouvertes par le projet retenu : instruire la demande de contrat.'),
];

// Ordre: declarations of installation, replacement or secondary site; no financial or family data.
const ordreIntent: Row = [
  give('intent', 'Nature du projet (installation, remplacement, site secondaire) : le conseil départemental enregistre ces déclarations.'),
  give('specialty', 'Spécialité : inscription au tableau et qualification.'),
  give('practiceMode', 'Mode d’exercice : déclaration de l’exercice en groupe ou en société.'),
  give('plannedDate', 'Date prévue : délai de la déclaration au conseil départemental.'),
  give('communeCode', 'Commune d’exercice : elle désigne le conseil départemental compétent.'),
  ...identity('Identité du médecin, seulement avec son consentement : l’Ordre tient des inscriptions nominatives.'),
];

// Collectivités: only what lies on their territory (premises, housing, the aids they fund, their offers).
const collectivitesDemand: Row = [
  status('Statut du dossier : savoir si la demande sur votre territoire est active.'),
  give('demand.premises.surfaceM2Min', 'Besoin de locaux sur votre territoire : proposer un cabinet ou une place en MSP.'),
  give('demand.premises.surfaceM2Max', 'Besoin de locaux sur votre territoire : proposer un cabinet ou une place en MSP.'),
  ...money('demand.premises.maxMonthlyRent', 'Loyer maximal des locaux : proposer une offre dans le budget du candidat.'),
  give('demand.premises.availableFrom', 'Date de besoin des locaux : proposer une offre disponible à temps.'),
  give('demand.housing.from', 'Besoin de logement sur votre territoire : proposer un hébergement de stage.'),
  give('demand.housing.until', 'Besoin de logement sur votre territoire : proposer un hébergement de stage.'),
  give('demand.housing.people', 'Nombre de personnes à loger : proposer un logement adapté.'),
  ...money('demand.housing.maxMonthlyRent', 'Loyer maximal du logement : proposer une offre dans le budget du candidat.'),
];

const collectivitesDates: Row = [
  give('dates.internshipStart', 'Dates de stage : hébergement et indemnités de stage que vous financez.'),
  give('dates.internshipEnd', 'Dates de stage : hébergement et indemnités de stage que vous financez.'),
  give('dates.plannedInstallationDate', 'Date d’installation prévue : aides à l’installation que vous financez.'),
];

const collectivitesAids = aidList('aids', 'Aides que vous financez, ouvertes par un projet situé sur votre territoire.');

const collectivitesCommitment: Row = [
  give('offerIds', 'Vos offres retenues dans l’ensemble accepté par le candidat.'),
  ...collectivitesDates,
  ...collectivitesAids,
  withConsent('contact.firstName', 'Coordonnées du candidat, seulement avec son consentement : organiser l’accueil et signer la convention.'),
  withConsent('contact.lastName', 'Coordonnées du candidat, seulement avec son consentement : organiser l’accueil et signer la convention.'),
  withConsent('contact.email', 'Coordonnées du candidat, seulement avec son consentement : organiser l’accueil et signer la convention.'),
  withConsent('contact.phone', 'Coordonnées du candidat, seulement avec son consentement : organiser l’accueil et signer la convention.'),
];

const withdrawn = status('Dossier retiré par le candidat : cesser le suivi.');

/** What a request concerns; one request may concern several. */
export type RequestPurpose = 'installation' | 'replacement' | 'internship-housing' | 'spouse-job' | 'aids';

export const REQUEST_PURPOSES = ['installation', 'replacement', 'internship-housing', 'spouse-job', 'aids'] as const satisfies readonly RequestPurpose[];

/** Which families are told of a request, by what it concerns, and where (domain-facts §2). */
export interface Audience {
  /** The purposes that make the family concerned; `always`: every request of its territory. */
  readonly purposes: 'always' | readonly RequestPurpose[];
  /** Which of the family's territories are told. */
  readonly where: string;
  readonly why: string;
}

export const AUDIENCE_BY_PURPOSE: { readonly [S in Stakeholder]: Audience } = {
  ars: {
    purposes: 'always',
    where: 'L’ARS de la région du dossier (et sa délégation départementale).',
    why: 'Elle arrête le zonage, gère les contrats d’État, cosigne toute convention d’aide locale et tient le guichet commun avec l’Assurance Maladie.',
  },
  cpam: {
    purposes: ['installation', 'replacement'],
    where: 'La CPAM des départements de l’installation ou du remplacement visés, puis de la commune retenue.',
    why: 'Conventionnement et aides de l’Assurance Maladie : rien à voir avec un logement de stage, un emploi du conjoint ou une aide seule.',
  },
  ordre: {
    purposes: ['installation', 'replacement'],
    where: 'Le conseil départemental de l’Ordre des départements de l’installation ou du remplacement visés.',
    why: 'Déclarations d’installation, de remplacement et de site secondaire ; pas de stage ni de logement.',
  },
  collectivites: {
    purposes: 'always',
    where: 'Seulement les collectivités dont le territoire porte une commune visée, une offre ou une aide du dossier, chacune avec sa part (un message par département).',
    why: 'Elles financent les aides locales et publient locaux, logements et emplois : elles n’ont à connaître que ce qui se passe chez elles.',
  },
};

const INSTALLING: ReadonlySet<CaseProfile['candidateStatus']> = new Set(['graduated-doctor', 'installed-doctor', 'doctor']);

/**
 * What a request concerns, from what it says: a replacement when the candidate practises as a
 * locum, an installation when premises are sought or a doctor who has defended the thesis
 * practises otherwise, internship housing when housing is sought for an internship, a spouse's
 * job, aids when some are asked for.
 */
export function purposesOf(profile: CaseProfile | undefined): RequestPurpose[] {
  if (!profile) return [];
  const locum = profile.practiceMode === 'locum';
  const purposes: RequestPurpose[] = [];
  if (!locum && (profile.premises !== undefined || INSTALLING.has(profile.candidateStatus))) purposes.push('installation');
  if (locum) purposes.push('replacement');
  if (profile.housing !== undefined && profile.internship !== undefined) purposes.push('internship-housing');
  if (profile.spouseJob === true) purposes.push('spouse-job');
  if (profile.aidsRequested.length > 0) purposes.push('aids');
  return purposes;
}

/** Whether a family is concerned by a request with these purposes (where is then up to its drafts). */
export function concerns(stakeholder: Stakeholder, purposes: readonly RequestPurpose[]): boolean {
  const { purposes: wanted } = AUDIENCE_BY_PURPOSE[stakeholder];
  return wanted === 'always' || wanted.some((purpose) => purposes.includes(purpose));
}

/**
 * The disclosure policy: for each stakeholder family and each fact of the desk, the fields it
 * receives and why. A family absent from an event's row receives nothing for that event; a field
 * absent from a row never leaves the service (enforced by `discloseOnly`).
 */
export const DISCLOSURE_POLICY: { readonly [S in Stakeholder]: Readonly<Partial<Record<SourceEventType, Row>>> } = {
  ars: {
    'request-submitted': [...envelope, ...arsRequest],
    'request-updated': [...envelope, ...arsRequest],
    'request-status-changed': [...envelope, status('Nouveau statut du dossier : suivre l’instruction.')],
    'proposals-computed': [...envelope, ...aidList('aidsProposed', 'Aides ouvertes par les propositions : anticiper les contrats d’État et les conventions locales.')],
    'bundle-accepted': [...envelope, status('Le candidat a accepté un ensemble : préparer les conventions.'), ...arsAcceptedBundle],
    'reservation-confirmed': [...envelope, ...arsAcceptedBundle],
    'reservation-rejected': [...envelope],
    'request-withdrawn': [...envelope, withdrawn],
    'request-erased': [...envelope],
  },
  cpam: {
    'request-submitted': [...envelope, status('Statut du dossier : suivre l’instruction au guichet commun.'), ...cpamInstallationBase],
    'request-status-changed': [...envelope, status('Nouveau statut du dossier : suivre l’instruction.')],
    'bundle-accepted': [...envelope, status('Le candidat a accepté un projet d’installation.'), ...cpamInstallationBase, ...cpamInstallationPlace],
    'reservation-confirmed': [
      ...envelope,
      ...cpamInstallationBase,
      ...cpamInstallationPlace,
      ...identity('Identité du médecin qui s’installe, seulement avec son consentement : ouvrir le dossier de conventionnement.'),
    ],
    'request-withdrawn': [...envelope, withdrawn],
    'request-erased': [...envelope],
  },
  ordre: {
    'request-submitted': [...envelope, status('Statut du dossier : suivre la déclaration.'), ...ordreIntent],
    'request-status-changed': [...envelope, status('Nouveau statut du dossier : suivre la déclaration.')],
    'reservation-confirmed': [...envelope, ...ordreIntent],
    'request-withdrawn': [...envelope, withdrawn],
    'request-erased': [...envelope],
  },
  collectivites: {
    'request-submitted': [...envelope, ...collectivitesDemand, ...collectivitesDates],
    'request-updated': [...envelope, ...collectivitesDemand, ...collectivitesDates],
    'proposals-computed': [...envelope, ...collectivitesAids],
    'bundle-accepted': [...envelope, status('Le candidat a accepté un ensemble qui retient vos offres.'), ...collectivitesCommitment],
    'reservation-confirmed': [...envelope, ...collectivitesCommitment],
    'reservation-rejected': [...envelope, give('offerIds', 'Vos offres de l’ensemble qui n’a pu être réservé : elles sont libérées.')],
    'request-withdrawn': [...envelope, withdrawn],
    'request-erased': [...envelope],
  },
};

export function disclosuresFor(stakeholder: Stakeholder, source: SourceEventType): Row | undefined {
  return DISCLOSURE_POLICY[stakeholder][source];
}

/** Paths a projection may carry for this family and event, given the candidate's consent. */
export function allowedFields(stakeholder: Stakeholder, source: SourceEventType, consented: boolean): Set<string> {
  const row = disclosuresFor(stakeholder, source) ?? [];
  return new Set(row.filter((d) => consented || !d.requiresConsent).map((d) => d.field));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isListOfRecords = (value: unknown): value is Record<string, unknown>[] => Array.isArray(value) && value.length > 0 && value.every(isRecord);
const join = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}.${key}`);

/** Every leaf path of a value, in the notation of the policy table. */
export function fieldPaths(value: unknown, prefix = ''): string[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, child]) => fieldPaths(child, join(prefix, key)));
  if (isListOfRecords(value)) return [...new Set(value.flatMap((item) => fieldPaths(item, `${prefix}[]`)))];
  return prefix === '' ? [] : [prefix];
}

function hasAllowedBelow(allowed: ReadonlySet<string>, path: string): boolean {
  for (const field of allowed) if (field.startsWith(`${path}.`) || field.startsWith(`${path}[].`)) return true;
  return false;
}

function keepAllowed(value: Record<string, unknown>, allowed: ReadonlySet<string>, prefix: string): Record<string, Json> {
  const kept: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    const path = join(prefix, key);
    if (child === undefined) continue;
    if (isRecord(child)) {
      const inner = keepAllowed(child, allowed, path);
      if (Object.keys(inner).length > 0) kept[key] = inner;
    } else if (isListOfRecords(child)) {
      if (!hasAllowedBelow(allowed, path)) continue;
      kept[key] = child.map((item) => keepAllowed(item, allowed, `${path}[]`));
    } else if (allowed.has(path)) {
      kept[key] = child as Json;
    }
  }
  return kept;
}

/** The payload with only the fields of the policy row: whatever a builder adds, nothing else leaves. */
export function discloseOnly(payload: Record<string, unknown>, allowed: ReadonlySet<string>): Record<string, Json> {
  return keepAllowed(payload, allowed, '');
}
