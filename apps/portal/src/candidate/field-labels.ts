import type { FieldPath } from '../ui/form/paths.js';

// French names of the form's fields, for the error summary ("Adresse e-mail : adresse e-mail invalide").
const labels: Record<string, string> = {
  identity: 'Identité',
  'identity.firstName': 'Prénom',
  'identity.lastName': 'Nom',
  contact: 'Coordonnées',
  'contact.email': 'Adresse e-mail',
  'contact.phone': 'Téléphone',
  'contact.homeCommuneCode': 'Commune de résidence',
  status: 'Situation actuelle',
  specialty: 'Spécialité',
  faculty: 'Faculté de rattachement',
  rpps: 'Numéro RPPS',
  internship: 'Stage',
  'internship.communeCode': 'Commune du lieu de stage',
  'internship.hospitalName': 'Établissement d’accueil',
  'internship.finess': 'Numéro FINESS',
  'internship.chuCommuneCode': 'Commune du CHU',
  'internship.startDate': 'Début du stage',
  'internship.endDate': 'Fin du stage',
  targets: 'Lieux d’installation',
  'targets.communes': 'Communes visées',
  'targets.departements': 'Départements visés',
  'targets.radiusKm': 'Rayon de recherche',
  desiredInstallationDate: 'Date d’installation souhaitée',
  practice: 'Mode d’exercice et secteur',
  'practice.mode': 'Mode d’exercice',
  'practice.sector': 'Secteur',
  'practice.daysPerWeek': 'Jours par semaine',
  needs: 'Besoins',
  'needs.premises.surfaceM2Min': 'Surface minimale du local',
  'needs.premises.surfaceM2Max': 'Surface maximale du local',
  'needs.premises.maxMonthlyRent': 'Loyer maximal du local',
  'needs.premises.availableFrom': 'Local disponible à partir du',
  'needs.housing.from': 'Date d’entrée dans le logement',
  'needs.housing.until': 'Date de sortie du logement',
  'needs.housing.maxMonthlyRent': 'Loyer maximal du logement',
  'needs.housing.people': 'Personnes à loger',
  'needs.spouseJob.profession': 'Métier du conjoint',
  'needs.spouseJob.employmentSector': 'Secteur de l’emploi du conjoint',
  'needs.spouseJob.workingTime': 'Temps de travail du conjoint',
  aids: 'Aides',
  'aids.interested': 'Intérêt pour les aides',
  consents: 'Consentements',
  'consents.ars': 'Accord pour l’ARS',
  'consents.cpam': 'Accord pour l’Assurance Maladie',
  'consents.ordre': 'Accord pour l’Ordre des médecins',
  'consents.collectivites': 'Accord pour les collectivités',
  notes: 'Remarques',
};

export function fieldLabel(path: FieldPath): string {
  if (labels[path]) return labels[path];
  const aid = /^previousAids\[(\d+)\]/.exec(path);
  if (aid) return `Aide reçue n° ${Number(aid[1]) + 1}`;
  const commune = /^targets\.communes\[(\d+)\]/.exec(path);
  if (commune) return `Commune visée n° ${Number(commune[1]) + 1}`;
  return path;
}
