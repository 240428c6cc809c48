// The French words of a case, one dictionary for the intake service's messages and the caseworkers'
// screens: what a field of the request is called, and what an entry of the audit trail did.

const REQUEST_FIELDS: Readonly<Record<string, string>> = {
  identity: 'identité',
  'identity.firstName': 'prénom',
  'identity.lastName': 'nom',
  contact: 'coordonnées',
  'contact.email': 'adresse e-mail',
  'contact.phone': 'téléphone',
  'contact.homeCommuneCode': 'commune du domicile',
  status: 'situation actuelle',
  specialty: 'spécialité',
  faculty: 'faculté de rattachement',
  internship: 'stage',
  'internship.communeCode': 'commune du stage',
  'internship.hospitalName': 'établissement du stage',
  'internship.finess': 'numéro FINESS du stage',
  'internship.chuCommuneCode': 'commune du CHU de rattachement',
  'internship.startDate': 'date de début du stage',
  'internship.endDate': 'date de fin du stage',
  'internship.ambulatory': 'stage ambulatoire',
  rpps: 'numéro RPPS',
  targets: 'lieux d’installation souhaités',
  'targets.communes': 'communes souhaitées',
  'targets.departements': 'départements souhaités',
  'targets.radiusKm': 'rayon de recherche',
  desiredInstallationDate: 'date d’installation souhaitée',
  installedSince: 'date d’installation',
  practice: 'mode d’exercice et secteur',
  'practice.mode': 'mode d’exercice',
  'practice.sector': 'secteur conventionnel',
  'practice.daysPerWeek': 'jours d’exercice libéral par semaine',
  'practice.coordinatedPractice': 'exercice coordonné',
  'practice.onCallParticipation': 'permanence des soins',
  needs: 'besoins',
  'needs.premises.premisesTypes': 'types de locaux',
  'needs.premises.surfaceM2Min': 'surface minimale des locaux',
  'needs.premises.surfaceM2Max': 'surface maximale des locaux',
  'needs.premises.maxMonthlyRent': 'loyer maximal des locaux',
  'needs.premises.maxMonthlyRent.amountCents': 'loyer maximal des locaux',
  'needs.premises.availableFrom': 'date de disponibilité des locaux',
  'needs.housing.from': 'début du logement',
  'needs.housing.until': 'fin du logement',
  'needs.housing.maxMonthlyRent': 'loyer maximal du logement',
  'needs.housing.maxMonthlyRent.amountCents': 'loyer maximal du logement',
  'needs.housing.people': 'nombre de personnes à loger',
  'needs.spouseJob.profession': 'métier du conjoint',
  'needs.spouseJob.employmentSector': 'secteur d’emploi du conjoint',
  'needs.spouseJob.workingTime': 'temps de travail du conjoint',
  'needs.spouseJob.maxCommuteKm': 'trajet maximal du conjoint',
  aids: 'intérêt pour les aides',
  'aids.interested': 'intérêt pour les aides',
  'aids.comment': 'précisions sur les aides',
  'aids.schemeIds': 'aides qui intéressent',
  previousAids: 'aides déjà reçues',
  consents: 'consentements',
  'consents.ars': 'consentement ARS',
  'consents.cpam': 'consentement Assurance Maladie',
  'consents.ordre': 'consentement Ordre des médecins',
  'consents.collectivites': 'consentement collectivités',
  notes: 'remarques',
};

/** The case's own facts the audit trail follows beside the request (`data.*`). */
const CASE_FIELDS: Readonly<Record<string, string>> = {
  status: 'statut du dossier',
  referent: 'référent',
  'referent.id': 'référent',
  'referent.displayName': 'référent',
  'referent.assignedAt': 'date de désignation du référent',
  territory: 'territoire',
  'territory.regions': 'régions du dossier',
  'territory.departements': 'départements du dossier',
  'territory.communes': 'communes du dossier',
  commentIds: 'commentaires internes',
  infoRequests: 'demandes d’information',
  proposalSetId: 'propositions en cours',
  acceptance: 'proposition acceptée',
  'acceptance.outcome': 'réservation de la proposition acceptée',
  'acceptance.proposalSetId': 'proposition acceptée',
  'acceptance.bundleId': 'proposition acceptée',
  'acceptance.offerIds': 'offres réservées',
  'acceptance.acceptedAt': 'date d’acceptation',
  'acceptance.reservationId': 'réservation',
};

/** `targets.communes[2]` → « communes souhaitées (n° 3) »; an unknown path is shown as is. */
export function requestFieldLabel(field: string): string {
  const match = /^(.*)\[(\d+)\]$/.exec(field);
  if (match?.[1] !== undefined && match[2] !== undefined) return `${requestFieldLabel(match[1])} (n° ${Number(match[2]) + 1})`;
  return REQUEST_FIELDS[field] ?? (field === '' ? 'demande' : field);
}

/**
 * A field of an audit entry: `data.needs.housing.from` → « début du logement », `status` → « statut
 * du dossier », `infoRequests.<id>` → « demandes d’information »; never a raw path when a name exists.
 */
export function auditFieldLabel(field: string): string {
  if (field.startsWith('data.')) {
    // A path below a named one (needs.housing.maxMonthlyRent.currency) takes its nearest named parent.
    const parts = field.slice(5).split('.');
    for (let length = parts.length; length > 0; length -= 1) {
      const label = REQUEST_FIELDS[parts.slice(0, length).join('.')];
      if (label !== undefined) return label;
    }
    return requestFieldLabel(field.slice(5));
  }
  return CASE_FIELDS[field] ?? CASE_FIELDS[field.split('.')[0] ?? field] ?? field;
}

/** What each command of a case does, as the audit trail says it. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'create-draft': 'Brouillon créé',
  'update-request': 'Demande modifiée',
  submit: 'Demande déposée',
  'request-submitted': 'Demande déposée',
  withdraw: 'Demande retirée',
  'change-status': 'Statut changé',
  'status-changed': 'Statut changé',
  'assign-referent': 'Référent désigné',
  'add-comment': 'Commentaire interne ajouté',
  'request-information': 'Information demandée au candidat',
  'answer-information': 'Réponse du candidat',
  'accept-bundle': 'Proposition acceptée',
  'decline-proposals': 'Propositions déclinées',
  'record-proposals': 'Propositions reçues',
  'record-reservation-confirmed': 'Réservation confirmée',
  'record-reservation-rejected': 'Réservation refusée',
  erase: 'Données personnelles effacées',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
