import type {
  AudienceStatus,
  FragileZone,
  PracticeMode,
  ProjectKind,
  Sector,
  SpecialZone,
  Zone,
} from '@guichet/contracts';
import { enumLabels } from '@guichet/contracts';

/** French wording used inside reasons; kept in one place so every message says things the same way. */

export const STATUS_LABELS: Record<AudienceStatus, string> = {
  student: 'étudiant(e) en médecine',
  intern: 'interne',
  'junior-doctor': 'docteur junior (4e année ou phase de consolidation)',
  'graduated-doctor': 'médecin thésé(e), pas encore installé(e)',
  'installed-doctor': 'médecin installé(e)',
  doctor: 'médecin thésé(e)',
  'retired-doctor': 'médecin retraité',
  'other-health-professional': 'autre professionnel de santé',
};

export const PROJECT_LABELS: Record<ProjectKind, string> = {
  studies: 'les études',
  internship: 'un stage',
  replacement: 'des remplacements',
  installation: 'une installation',
  'secondary-practice': "l'ouverture d'un cabinet secondaire",
  'succession-hosting': "l'accueil d'un successeur",
  'internship-supervision': "l'accueil d'étudiants en stage (maître de stage)",
  'coordinated-structure': "une structure d'exercice coordonné (MSP, centre de santé)",
};

/** Contract labels (x-labels of common.json), lower-cased to sit inside a sentence. */
export const SECTOR_LABELS = inSentence<Sector>(enumLabels.Sector);
export const PRACTICE_MODE_LABELS = inSentence<PracticeMode>(enumLabels.PracticeMode);

function inSentence<K extends string>(labels: Readonly<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(labels).map(([code, label]) => [code, label.charAt(0).toLowerCase() + label.slice(1)])) as Record<K, string>;
}

/** « Commune en … » */
export const ZONE_SITUATION: Record<Zone, string> = {
  zip: "en zone d'intervention prioritaire",
  zac: "en zone d'action complémentaire",
  none: 'hors zonage ARS',
};

export const ZONE_NAMES: Record<FragileZone, string> = {
  zip: "zone d'intervention prioritaire",
  zac: "zone d'action complémentaire",
};

export const ZONE_SHORT: Record<Zone, string> = { zip: 'ZIP', zac: 'ZAC', none: 'hors zone' };

export const SPECIAL_ZONE_LABELS: Record<SpecialZone, string> = {
  zrr: 'zone de revitalisation rurale (ZRR)',
  zfu: 'zone franche urbaine (ZFU)',
  'isolated-mountain': "zone de montagne isolée, à plus de 30 minutes d'un service d'urgence",
  'cfe-commune': 'commune de moins de 2 000 habitants, ZRR, ZIP ou ZAC',
};

/** « a, b ou c » */
export function listFr(items: readonly string[], conjunction = 'ou'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}
