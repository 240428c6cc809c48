import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretBoxKeyError extends Error {
  constructor() {
    super('WEBHOOK_SECRETS_KEY ne déchiffre pas les secrets de signature enregistrés : clé d’une autre installation ou modifiée ; remettez la clé qui les a chiffrés.');
    this.name = 'SecretBoxKeyError';
  }
}

/**
 * Encrypts webhook signing secrets at rest with AES-256-GCM (node:crypto), a random 96-bit nonce
 * per secret and the subscription id as associated data: a ciphertext copied onto another
 * subscription does not decrypt. Stored as `v1.<nonce>.<tag>.<ciphertext>` (base64url).
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `key`: 32 bytes in base64 (`openssl rand -base64 32`). */
  constructor(key: string) {
    this.key = Buffer.from(key, 'base64');
    if (this.key.length !== 32) throw new Error('WEBHOOK_SECRETS_KEY : 32 octets en base64 attendus (openssl rand -base64 32)');
  }

  seal(secret: string, subscriptionId: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, nonce, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(stored: string, subscriptionId: string): string {
    const [version, nonce, tag, sealed] = stored.split('.');
    if (version !== VERSION || nonce === undefined || tag === undefined || sealed === undefined) throw new SecretBoxKeyError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxKeyError();
    }
  }
}
