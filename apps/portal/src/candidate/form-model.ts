import type { ErrorMap, FieldPath } from '../ui/form/paths.js';

export type StepKey = 'identite' | 'stage' | 'installation' | 'locaux' | 'logement' | 'conjoint' | 'aides' | 'consentements' | 'recapitulatif';

export interface Step {
  key: StepKey;
  title: string;
}

export const steps: readonly Step[] = [
  { key: 'identite', title: 'Qui je suis' },
  { key: 'stage', title: 'Mon stage' },
  { key: 'installation', title: 'Où et quand m’installer' },
  { key: 'locaux', title: 'Locaux professionnels' },
  { key: 'logement', title: 'Logement' },
  { key: 'conjoint', title: 'Emploi du conjoint' },
  { key: 'aides', title: 'Aides' },
  { key: 'consentements', title: 'Consentements' },
  { key: 'recapitulatif', title: 'Récapitulatif et dépôt' },
];

const stepOfRoot: Record<string, StepKey> = {
  identity: 'identite',
  contact: 'identite',
  status: 'identite',
  specialty: 'identite',
  faculty: 'identite',
  rpps: 'identite',
  internship: 'stage',
  targets: 'installation',
  desiredInstallationDate: 'installation',
  practice: 'installation',
  aids: 'aides',
  previousAids: 'aides',
  consents: 'consentements',
};

/** The step that shows a field, so an error can send the person to the right page. */
export function stepOfField(path: FieldPath): StepKey {
  if (path.startsWith('needs.housing')) return 'logement';
  if (path.startsWith('needs.spouseJob')) return 'conjoint';
  if (path.startsWith('needs')) return 'locaux';
  const root = path.split(/[.[]/)[0] ?? '';
  return stepOfRoot[root] ?? 'recapitulatif';
}

export function errorsOfStep(errors: ErrorMap, step: StepKey): [FieldPath, string][] {
  return Object.entries(errors).filter(([path]) => stepOfField(path) === step);
}
