import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/**
 * Signs webhooks in the Standard Webhooks format (`webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`, key = the base64 part of a `whsec_` secret) with node:crypto.
 *
 * Why not the `standardwebhooks` library, which remains the reference (the unit spec, the
 * integration tests' receivers and the e2e partners verify what we sign with it): it computes the
 * HMAC in pure JavaScript (fast-sha256), several times slower than node:crypto for the same
 * bytes, and signing is a visible part of a delivery's cost (bench/RESULTS.md). No kept Standard
 * Webhooks library signs with node:crypto (svix depends on standardwebhooks).
 */
export class WebhookSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
    if (this.key.length === 0) throw new Error('secret de signature vide');
  }

  /** The `webhook-signature` header of a body sent with this id at this time (whole seconds, as `webhook-timestamp`). */
  sign(id: string, at: Date, body: string): string {
    const seconds = Math.floor(at.getTime() / 1000);
    return `v1,${createHmac('sha256', this.key).update(`${id}.${seconds}.${body}`).digest('base64')}`;
  }
}
