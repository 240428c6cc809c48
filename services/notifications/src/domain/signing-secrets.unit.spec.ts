import { describe, expect, it } from '@jest/globals';
import { liveSecrets, rotate, type SigningSecret } from './signing-secrets.js';

const at = (iso: string) => new Date(iso);
const secret = (value: string, createdAt = '2026-09-01T08:00:00Z', expiresAt?: string): SigningSecret => ({ value, createdAt: at(createdAt), ...(expiresAt ? { expiresAt: at(expiresAt) } : {}) });

describe('rotation of signing secrets', () => {
  it('keeps the replaced secret signing until the end of the overlap, then only the new one', () => {
    const now = at('2026-09-02T08:00:00Z');
    const { secrets, previousExpiresAt } = rotate([secret('A')], secret('B', '2026-09-02T08:00:00Z'), now, 3_600_000);
    expect(previousExpiresAt).toEqual(at('2026-09-02T09:00:00Z'));
    expect(liveSecrets(secrets, at('2026-09-02T08:59:59Z')).map((s) => s.value)).toEqual(['B', 'A']);
    expect(liveSecrets(secrets, at('2026-09-02T09:00:00Z')).map((s) => s.value)).toEqual(['B']);
  });

  it('revokes the replaced secret at once with an overlap of 0', () => {
    const now = at('2026-09-02T08:00:00Z');
    expect(rotate([secret('A')], secret('B'), now, 0).secrets.map((s) => s.value)).toEqual(['B']);
  });

  it('never lengthens the overlap of a secret replaced before, and keeps at most two replaced secrets', () => {
    const now = at('2026-09-02T08:00:00Z');
    const before = [secret('C'), secret('B', undefined, '2026-09-02T10:00:00Z'), secret('A', undefined, '2026-09-02T09:00:00Z')];
    const { secrets } = rotate(before, secret('D'), now, 24 * 3_600_000);
    expect(secrets.map((s) => [s.value, s.expiresAt?.toISOString()])).toEqual([
      ['D', undefined],
      ['C', '2026-09-03T08:00:00.000Z'],
      ['B', '2026-09-02T10:00:00.000Z'],
    ]);
  });
});
