/** A Standard Webhooks signing secret of a subscription, in clear (kept encrypted at rest). */
export interface SigningSecret {
  value: string;
  createdAt: Date;
  /** Set once the secret is replaced: it still signs, beside the new one, until then. */
  expiresAt?: Date;
  /** The Idempotency-Key of the rotation that created it: a retried rotation answers this secret again. */
  rotationKey?: string;
}

/** Replaced secrets that may still sign during their overlap: a partner rotating twice in a day keeps two. */
export const MAX_PREVIOUS_SECRETS = 2;

export const DEFAULT_OVERLAP_MS = 24 * 3_600_000;

/** The secrets that sign a delivery made now, newest first. */
export function liveSecrets(secrets: readonly SigningSecret[], now: Date): SigningSecret[] {
  return secrets.filter((secret) => secret.expiresAt === undefined || secret.expiresAt.getTime() > now.getTime());
}

/**
 * Puts `fresh` first; the secrets live now sign beside it until `now + overlapMs` (or their own
 * earlier end), at most MAX_PREVIOUS_SECRETS of them; an overlap of 0 revokes them at once.
 */
export function rotate(secrets: readonly SigningSecret[], fresh: SigningSecret, now: Date, overlapMs: number): { secrets: SigningSecret[]; previousExpiresAt: Date } {
  const previousExpiresAt = new Date(now.getTime() + overlapMs);
  const previous =
    overlapMs === 0
      ? []
      : liveSecrets(secrets, now)
          .slice(0, MAX_PREVIOUS_SECRETS)
          .map((secret) => ({ ...secret, expiresAt: secret.expiresAt && secret.expiresAt < previousExpiresAt ? secret.expiresAt : previousExpiresAt }));
  return { secrets: [fresh, ...previous], previousExpiresAt };
}
