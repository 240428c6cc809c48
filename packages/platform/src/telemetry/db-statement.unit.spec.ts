import { describe, expect, it } from '@jest/globals';
import { Binary, ObjectId } from 'mongodb';
import { dbStatementShape } from './db-statement.js';

describe('dbStatementShape', () => {
  it('shows a filter’s fields and operators, never a value', () => {
    const find = { find: 'requests', filter: { _id: 'req-1', 'candidate.email': 'anne@example.org', status: { $in: ['submitted', 'draft'] } }, limit: 1 };
    const shape = dbStatementShape(find);
    expect(JSON.parse(shape)).toEqual({ find: '?', filter: { _id: '?', 'candidate.email': '?', status: { $in: ['?'] } }, limit: '?' });
    expect(shape).not.toMatch(/anne|req-1|submitted/);
  });

  it('shows an update by its first statement', () => {
    const update = { update: 'cases', updates: [{ q: { _id: 'c-1', revision: 3 }, u: { $set: { status: 'taken' } } }, { q: { _id: 'c-2' }, u: {} }], ordered: true };
    expect(JSON.parse(dbStatementShape(update))).toEqual({ update: '?', updates: [{ q: { _id: '?', revision: '?' }, u: { $set: { status: '?' } } }], ordered: '?' });
  });

  it('stops early on a large document, and treats BSON values and buffers as values', () => {
    const bundles = Array.from({ length: 3 }, (_, i) => ({ id: `b${i}`, verdicts: Array.from({ length: 63 }, (_, j) => ({ scheme: `s${j}`, criteria: { a: 1, b: 2 } })) }));
    const document = { _id: new ObjectId(), key: new Binary(Buffer.alloc(64)), at: new Date(), ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`field${i}`, { bundles }])) };
    const shape = dbStatementShape(document);
    expect(shape.length).toBeLessThan(2000);
    expect(JSON.parse(shape)).toMatchObject({ _id: '?', key: '?', at: '?', '…': '…' });
  });
});
