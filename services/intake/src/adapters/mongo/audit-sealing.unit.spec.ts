import { describe, expect, it } from '@jest/globals';
import type { AuditRecord } from '../../domain/index.js';
import { newAuditKey, seal, unseal } from './audit-sealing.js';

const record: AuditRecord = {
  id: 'a1000000-0000-4000-8000-000000000001',
  caseId: 'c1000000-0000-4000-8000-000000000001',
  version: 3,
  at: '2026-10-12T09:00:00Z',
  actor: { kind: 'caseworker-ars', id: 'ac65a843-bb76-4844-8718-27acc9039d52' },
  actorName: 'Agnès Centre-Val-de-Loire',
  action: 'change-status',
  reason: 'Dossier complet',
  changes: [{ field: 'status', before: 'submitted', after: 'under_review' }],
};

describe('audit sealing', () => {
  it('keeps the agent’s name in clear with who acted, the details sealed', () => {
    const key = newAuditKey();
    const sealed = seal(record, key);
    expect(sealed.actorName).toBe('Agnès Centre-Val-de-Loire');
    expect(JSON.stringify(sealed)).not.toContain('Dossier complet');
    expect(unseal(sealed, key)).toEqual(record);
  });

  it('still names the agent once the case’s key is erased', () => {
    const { reason: _sealed, ...clear } = record;
    expect(unseal(seal(record, newAuditKey()), undefined)).toStrictEqual({ ...clear, changes: [] });
  });
});
