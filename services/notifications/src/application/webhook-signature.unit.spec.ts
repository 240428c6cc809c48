import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { WebhookSigner } from './webhook-signature.js';

// The reference implementation of Standard Webhooks, as a partner would use it.
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const id = 'b7f6d1c8-3c5e-4a53-9a57-2f4d1f0e9a11';
const body = JSON.stringify({ specversion: '1.0', id, type: 'fr.sante.guichet.stakeholder.ars.request-submitted.v1', data: { commune: 'Tours', status: 'submitted' } });

function headersAt(at: Date, signature: string, ofId = id): Record<string, string> {
  return { 'webhook-id': ofId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

describe('webhook signature', () => {
  it('is the signature the Standard Webhooks library computes, byte for byte', () => {
    const at = new Date('2026-11-24T11:30:00.750Z');
    expect(new WebhookSigner(secret).sign(id, at, body)).toBe(new Webhook(secret).sign(id, at, body));
  });

  it('is accepted by a receiver verifying with the Standard Webhooks library', () => {
    const at = new Date();
    const verified = new Webhook(secret).verify(body, headersAt(at, new WebhookSigner(secret).sign(id, at, body)));
    expect(verified).toEqual(JSON.parse(body));
  });

  it('is refused by that receiver when the body, the id or the secret differ', () => {
    const at = new Date();
    const signature = new WebhookSigner(secret).sign(id, at, body);
    const receiver = new Webhook(secret);
    expect(() => receiver.verify(body.replace('Tours', 'Blois'), headersAt(at, signature))).toThrow();
    expect(() => receiver.verify(body, headersAt(at, signature, 'another-id'))).toThrow();
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => new Webhook(otherSecret).verify(body, headersAt(at, signature))).toThrow();
  });
});
