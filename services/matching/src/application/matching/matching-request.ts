import type {
  CandidateStatus,
  EligibilityProfile,
  InseeCommuneCode,
  InstallationRequestComplete,
  InstallationTargets,
  Internship,
  IsoDate,
  Needs,
  Practice,
  PreviousAid,
  ProjectKind,
  ReceivedAid,
  Specialty,
} from '@guichet/contracts';

/**
 * What matching keeps of a submitted request: the project, never the identity, the contact
 * details (except the home commune, which some internship aids measure from), the consents or
 * the free-text notes.
 */
export interface MatchingRequest {
  readonly status: CandidateStatus;
  readonly specialty: Specialty;
  readonly internship?: Internship;
  readonly homeCommuneCode?: InseeCommuneCode;
  readonly targets: InstallationTargets;
  readonly desiredInstallationDate: IsoDate;
  readonly installedSince?: IsoDate;
  readonly practice: Practice;
  readonly needs: Needs;
  readonly previousAids?: readonly ReceivedAid[];
}

export function toMatchingRequest(request: InstallationRequestComplete): MatchingRequest {
  return {
    status: request.status,
    specialty: request.specialty,
    ...(request.internship ? { internship: request.internship } : {}),
    ...(request.contact.homeCommuneCode ? { homeCommuneCode: request.contact.homeCommuneCode } : {}),
    targets: request.targets,
    desiredInstallationDate: request.desiredInstallationDate,
    ...(request.installedSince ? { installedSince: request.installedSince } : {}),
    practice: request.practice,
    needs: request.needs,
    ...(request.previousAids ? { previousAids: request.previousAids } : {}),
  };
}

/** The eligibility profile a request gives: the installation project, plus the internship when there is one. */
export function eligibilityProfile(request: MatchingRequest): EligibilityProfile {
  const projects: ProjectKind[] = ['installation'];
  if (request.internship) projects.push('internship');
  const { practice } = request;
  return {
    status: request.status,
    specialty: request.specialty,
    projects,
    sector: practice.sector,
    practiceMode: practice.mode,
    ...(practice.coordinatedPractice !== undefined ? { coordinatedPractice: practice.coordinatedPractice } : {}),
    ...(practice.daysPerWeek !== undefined ? { halfDaysPerWeek: practice.daysPerWeek * 2 } : {}),
    ...(practice.onCallParticipation !== undefined ? { onCallParticipation: practice.onCallParticipation } : {}),
    // Students, interns, docteurs juniors and doctors not yet installed have never been installed; an
    // installed doctor (or a request of the former « médecin thésé ») says nothing of earlier installations.
    ...(request.status !== 'installed-doctor' && request.status !== 'doctor' ? { firstInstallation: true } : {}),
    ...(request.installedSince ? { installedSince: request.installedSince } : {}),
    plannedInstallationDate: request.desiredInstallationDate,
    ...(request.internship
      ? { internship: { startDate: request.internship.startDate, endDate: request.internship.endDate, ambulatory: request.internship.ambulatory ?? false } }
      : {}),
  };
}

/** Aids already received, for the ten-year rule; one without catalogue id is known by its category. */
export function previousAidsOf(request: MatchingRequest): PreviousAid[] {
  return (request.previousAids ?? []).map((aid) => ({
    schemeId: aid.schemeId ?? `aide-recue-${aid.category}`,
    category: aid.category,
    receivedOn: aid.receivedOn,
  }));
}
