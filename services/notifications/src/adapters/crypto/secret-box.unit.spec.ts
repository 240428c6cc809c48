import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SecretBox, SecretBoxKeyError } from './secret-box.js';

const key = () => randomBytes(32).toString('base64');

describe('signing secrets at rest', () => {
  it('stores nothing readable of the secret, and opens it with the same key and subscription', () => {
    const box = new SecretBox(key());
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const sealed = box.seal(secret, 'abonnement-1');
    expect(sealed).not.toContain('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(sealed).not.toBe(box.seal(secret, 'abonnement-1'));
    expect(box.open(sealed, 'abonnement-1')).toBe(secret);
  });

  it('refuses another key, another subscription and a tampered ciphertext, with a message naming the key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=', 'abonnement-1');
    expect(() => new SecretBox(key()).open(sealed, 'abonnement-1')).toThrow(SecretBoxKeyError);
    expect(() => box.open(sealed, 'abonnement-2')).toThrow(/WEBHOOK_SECRETS_KEY/);
    const [version, nonce, tag, body = ''] = sealed.split('.');
    const flipped = `${body.slice(0, -2)}${body.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => box.open([version, nonce, tag, flipped].join('.'), 'abonnement-1')).toThrow(SecretBoxKeyError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 octets/);
  });
});
