import { describe, expect, it } from '@jest/globals';
import { validateAuditEntry } from '@guichet/contracts';
import { auditRecordOf } from './audit.js';
import type { CaseCommand } from './case-commands.js';
import { asCandidate, asCaseworker, at, CASEWORKER, complete, createDraft, given, submit } from './case.fixtures.js';

describe('audit trail', () => {
  it('records who, what, when, why, and the values before and after', () => {
    const before = given(createDraft(complete), submit()).state;
    const command: CaseCommand = { type: 'change-status', data: { to: 'under_review', reason: 'Prise en charge' }, metadata: asCaseworker(at(3)) };
    const after = given(createDraft(complete), submit(), command).state;
    const record = auditRecordOf(command, before, after, '55555555-5555-4555-8555-555555555555');
    expect(record).toEqual({
      id: '55555555-5555-4555-8555-555555555555',
      caseId: before.id,
      version: 3,
      at: at(3),
      actor: { kind: 'caseworker-ars', id: CASEWORKER },
      action: 'change-status',
      reason: 'Prise en charge',
      changes: [{ field: 'status', before: 'submitted', after: 'under_review' }],
    });
    const { version: _internal, caseId: _case, changes, ...entry } = record;
    expect(validateAuditEntry({ ...entry, changes: changes.map((change) => ({ ...change })) }).ok).toBe(true);
  });

  it('names a candidate by role only, and lists the fields they changed', () => {
    const before = given(createDraft({ specialty: 'pediatrie' })).state;
    const command: CaseCommand = { type: 'update-request', data: { draft: { specialty: 'psychiatrie', faculty: 'Tours' } }, metadata: asCandidate(at(2)) };
    const after = given(createDraft({ specialty: 'pediatrie' }), command).state;
    const record = auditRecordOf(command, before, after, '66666666-6666-4666-8666-666666666666');
    expect(record.actor).toEqual({ kind: 'candidate' });
    expect(record.changes).toEqual([
      { field: 'data.faculty', before: undefined, after: 'Tours' },
      { field: 'data.specialty', before: 'pediatrie', after: 'psychiatrie' },
    ]);
  });

  it('names the agent who acted as their token did, so a reader who never met them sees who it was', () => {
    const before = given(createDraft(complete), submit()).state;
    const command: CaseCommand = {
      type: 'change-status',
      data: { to: 'under_review', reason: 'Prise en charge' },
      metadata: { ...asCaseworker(at(3)), actorName: 'Agnès Centre-Val-de-Loire' },
    };
    const after = given(createDraft(complete), submit(), command).state;
    const { version: _internal, caseId: _case, changes, ...entry } = auditRecordOf(command, before, after, '88888888-8888-4888-8888-888888888888');
    expect(entry.actorName).toBe('Agnès Centre-Val-de-Loire');
    expect(validateAuditEntry({ ...entry, changes: changes.map((change) => ({ ...change })) }).ok).toBe(true);
  });

  it('never names a candidate, even given a name', () => {
    const before = given(createDraft({ specialty: 'pediatrie' })).state;
    const command: CaseCommand = {
      type: 'update-request',
      data: { draft: { specialty: 'psychiatrie' } },
      metadata: { ...asCandidate(at(2)), actorName: 'Camille Martin' },
    };
    const after = given(createDraft({ specialty: 'pediatrie' }), command).state;
    expect(auditRecordOf(command, before, after, '99999999-9999-4999-8999-999999999999')).not.toHaveProperty('actorName');
  });

  it('records an erasure without the values it erased', () => {
    const before = given(createDraft(complete), submit()).state;
    const command: CaseCommand = { type: 'erase', metadata: asCandidate(at(3)) };
    const after = given(createDraft(complete), submit(), command).state;
    expect(auditRecordOf(command, before, after, '77777777-7777-4777-8777-777777777777').changes).toEqual([]);
  });
});
