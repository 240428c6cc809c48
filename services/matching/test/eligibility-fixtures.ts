import type { EligibilityProfile, EligibilityVerdict, PreviousAid, Zone } from '@guichet/contracts';
import type { EligibilityPlace, NearbyCommune } from '../src/domain/eligibility-context.js';
import { evaluateEligibility } from '../src/domain/eligibility.js';
import { aidCatalogue } from './reference-files.js';

export const catalogue = aidCatalogue();

/** A small commune of Indre-et-Loire (region 24); its zone is set by each test. */
export function placeIn(zone: Zone | null, overrides: Partial<EligibilityPlace> = {}): EligibilityPlace {
  return {
    commune: { insee: '37123', name: 'Ligueil', departement: '37', region: '24', population: 2200 },
    zone,
    ...overrides,
  };
}

export function nearby(name: string, insee: string, zone: Zone | null, distanceKm: number): NearbyCommune {
  return { insee, name, departement: insee.slice(0, 2), region: '24', population: 800, zone, distanceKm };
}

/** A general-practice doctor who has defended the thesis, planning a first installation in a maison de santé, sector 1. */
export function juniorGp(overrides: Partial<EligibilityProfile> = {}): EligibilityProfile {
  return {
    status: 'graduated-doctor',
    specialty: 'medecine-generale',
    projects: ['installation'],
    sector: '1',
    practiceMode: 'msp',
    coordinatedPractice: true,
    halfDaysPerWeek: 8,
    onCallParticipation: true,
    firstInstallation: true,
    plannedInstallationDate: '2026-11-02',
    ...overrides,
  };
}

/** A general-practice intern doing an ambulatory semester, not housed free of charge. */
export function gpIntern(overrides: Partial<EligibilityProfile> = {}): EligibilityProfile {
  return {
    status: 'intern',
    specialty: 'medecine-generale',
    projects: ['internship'],
    internship: { startDate: '2026-11-02', endDate: '2027-05-01', ambulatory: true },
    housedFreeOfCharge: false,
    ...overrides,
  };
}

export function evaluate(
  profile: EligibilityProfile,
  place: EligibilityPlace,
  options: { at?: string; previousAids?: PreviousAid[] } = {},
): Map<string, EligibilityVerdict> {
  const verdicts = evaluateEligibility({ profile, place, at: options.at ?? '2026-06-15', previousAids: options.previousAids ?? [], catalogue });
  return new Map(verdicts.map((v) => [v.schemeId, v]));
}

export function verdictOf(verdicts: Map<string, EligibilityVerdict>, schemeId: string): EligibilityVerdict {
  const verdict = verdicts.get(schemeId);
  if (!verdict) throw new Error(`no verdict for ${schemeId}`);
  return verdict;
}

export function reasonOf(verdict: EligibilityVerdict, criterion: string) {
  const reason = verdict.reasons.find((r) => r.criterion === criterion);
  if (!reason) throw new Error(`no ${criterion} reason for ${verdict.schemeId}`);
  return reason;
}

/** Codes of the criteria that are not met, to say in one line why a verdict is what it is. */
export function failing(verdict: EligibilityVerdict): string[] {
  return verdict.reasons.filter((r) => r.outcome === 'not-met').map((r) => r.code);
}

export function unknowns(verdict: EligibilityVerdict): string[] {
  return verdict.reasons.filter((r) => r.outcome === 'unknown').map((r) => r.code);
}
