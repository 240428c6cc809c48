import { enumLabels } from '@guichet/contracts';
import type { CaseStatus, CandidateStatus, PracticeMode, Profession, Sector, Specialty, Zone } from '@guichet/contracts';

export interface Option<T extends string> {
  value: T;
  label: string;
}

function optionsOf<T extends string>(labels: Readonly<Record<T, string>>): Option<T>[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}

function sortedOptionsOf<T extends string>(labels: Readonly<Record<T, string>>): Option<T>[] {
  return optionsOf(labels).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

export const specialtyOptions = sortedOptionsOf<Specialty>(enumLabels.Specialty);
/** « doctor » is the former « médecin thésé », kept readable for stored requests but no longer offered: a doctor says whether they are installed. */
export const candidateStatusOptions = optionsOf<CandidateStatus>(enumLabels.CandidateStatus).filter((option) => option.value !== 'doctor');
export const sectorOptions = optionsOf<Sector>(enumLabels.Sector);
export const practiceModeOptions = optionsOf<PracticeMode>(enumLabels.PracticeMode);
export const professionOptions = sortedOptionsOf<Profession>(enumLabels.Profession);
export const caseStatusOptions = optionsOf<CaseStatus>(enumLabels.CaseStatus);
export const zoneOptions = optionsOf<Zone>(enumLabels.Zone);

export const caseStatusLabel = (status: CaseStatus): string => enumLabels.CaseStatus[status];
export const zoneLabel = (zone: Zone | undefined): string => (zone ? enumLabels.Zone[zone] : 'Zonage inconnu');
export const shortZoneLabel = (zone: Zone | undefined): string => (zone === 'zip' ? 'ZIP' : zone === 'zac' ? 'ZAC' : zone === 'none' ? 'Hors zone' : 'Inconnu');
export const specialtyLabel = (specialty: Specialty | undefined): string => (specialty ? enumLabels.Specialty[specialty] : '—');
export const candidateStatusLabel = (status: CandidateStatus): string => enumLabels.CandidateStatus[status];

export const premisesTypeOptions: Option<'individual-practice' | 'msp-room' | 'centre-de-sante'>[] = [
  { value: 'individual-practice', label: 'Cabinet individuel' },
  { value: 'msp-room', label: 'Local dans une maison de santé pluriprofessionnelle' },
  { value: 'centre-de-sante', label: 'Centre de santé' },
];

/** DSFR badge severity of a case status: where the case stands at a glance. */
export function statusSeverity(status: CaseStatus): 'info' | 'success' | 'warning' | 'error' | 'new' {
  switch (status) {
    case 'draft':
      return 'info';
    case 'awaiting_candidate':
      return 'warning';
    case 'proposals_ready':
      return 'new';
    case 'accepted':
    case 'in_progress':
    case 'installed':
      return 'success';
    case 'withdrawn':
    case 'closed':
      return 'error';
    default:
      return 'info';
  }
}
