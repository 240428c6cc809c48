import type { CandidateStatus, EligibilitySimulationRequest, InstallationRequestDraft, ProjectKind, Sector, Specialty } from '@guichet/contracts';

export interface SimulationChoices {
  status?: CandidateStatus;
  specialty?: Specialty;
  sector?: Sector;
  project?: ProjectKind;
  communeInsee?: string;
}

export const projectOptions: { value: ProjectKind; label: string }[] = [
  { value: 'installation', label: 'M’installer en libéral' },
  { value: 'replacement', label: 'Faire des remplacements' },
  { value: 'internship', label: 'Faire un stage' },
  { value: 'studies', label: 'Financer mes études' },
];

/** The project a person in this situation most often has, until they pick one. */
export function defaultProject(status: CandidateStatus | undefined): ProjectKind {
  switch (status) {
    case 'student':
      return 'studies';
    case 'intern':
      return 'internship';
    default:
      return 'installation';
  }
}

/** Null until the two things the simulation needs are chosen: a situation and a commune. */
export function simulationRequest(choices: SimulationChoices): EligibilitySimulationRequest | null {
  if (!choices.status || !choices.communeInsee) return null;
  return {
    profile: {
      status: choices.status,
      projects: [choices.project ?? defaultProject(choices.status)],
      ...(choices.specialty ? { specialty: choices.specialty } : {}),
      ...(choices.sector ? { sector: choices.sector } : {}),
    },
    communeInsee: choices.communeInsee,
  };
}

/** What the request form takes from a simulation: nothing personal, only the choices made. */
export function draftOfChoices(choices: SimulationChoices): InstallationRequestDraft {
  return {
    ...(choices.status ? { status: choices.status } : {}),
    ...(choices.specialty ? { specialty: choices.specialty } : {}),
    ...(choices.sector ? { practice: { sector: choices.sector } } : {}),
    ...(choices.communeInsee ? { targets: { communes: [choices.communeInsee] } } : {}),
  };
}

/** Choices kept in the page address, so a simulation can be shared or bookmarked. */
export function choicesOfParams(params: URLSearchParams): SimulationChoices {
  const read = (name: string) => params.get(name) ?? undefined;
  return {
    status: read('situation') as CandidateStatus | undefined,
    specialty: read('specialite') as Specialty | undefined,
    sector: read('secteur') as Sector | undefined,
    project: read('projet') as ProjectKind | undefined,
    communeInsee: read('commune'),
  };
}

export function paramsOfChoices(choices: SimulationChoices): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['situation', choices.status],
    ['specialite', choices.specialty],
    ['secteur', choices.sector],
    ['projet', choices.project],
    ['commune', choices.communeInsee],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => Boolean(entry[1])));
}
