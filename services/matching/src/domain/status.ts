import type { AudienceStatus, EligibilityProfile } from '@guichet/contracts';

/**
 * The candidate's situation as the rules read it. « doctor » is the former « médecin thésé » of
 * requests recorded before the docteur junior, the doctor not yet installed and the installed
 * doctor were told apart: it reads as installed when an installation date is known, else as a
 * doctor who has defended the thesis and is not yet installed.
 */
export function effectiveStatus(profile: Pick<EligibilityProfile, 'status' | 'installedSince'>): AudienceStatus {
  if (profile.status !== 'doctor') return profile.status;
  return profile.installedSince !== undefined ? 'installed-doctor' : 'graduated-doctor';
}

/** An audience list written with the former « doctor » (a scheme version stored before the split) covers both doctors. */
export function acceptsStatus(accepted: readonly AudienceStatus[], status: AudienceStatus): boolean {
  if (accepted.includes(status)) return true;
  return accepted.includes('doctor') && (status === 'graduated-doctor' || status === 'installed-doctor');
}
