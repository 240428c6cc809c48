import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { queueFilter } from '../mongo/mongo-case-repository.js';
import { queueQueryOf } from './queue-query.js';

const requestWith = (query: Record<string, string>) => ({ query }) as unknown as Request;

describe('caseworker queue: the docteurs juniors’ own queue', () => {
  it('reads candidateStatus and keeps the other filters', () => {
    const { filters } = queueQueryOf(requestWith({ candidateStatus: 'junior-doctor', zone: 'zip' }));
    expect(filters).toMatchObject({ candidateStatus: 'junior-doctor', zone: 'zip', sort: '-submittedAt' });
  });

  it('refuses an unknown candidate status, naming the parameter', () => {
    expect(() => queueQueryOf(requestWith({ candidateStatus: 'astronaut' }))).toThrow();
  });

  it('filters the stored cases on the request’s status, within the caseworker’s territory', () => {
    const filter = queueFilter({ scope: { level: 'region', codes: ['24'] }, sort: '-submittedAt', candidateStatus: 'junior-doctor' });
    expect(JSON.stringify(filter)).toContain('{"data.status":"junior-doctor"}');
    expect(JSON.stringify(filter)).toContain('"territory.regions":{"$in":["24"]}');
  });
});
