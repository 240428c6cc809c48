import { describe, expect, it } from '@jest/globals';
import { filtersOfParams, paramsOfFilters, withFilter } from './queue-query.js';

describe('queue filters in the address', () => {
  it('reads every filter the intake service offers', () => {
    const params = new URLSearchParams('statut=submitted,under_review&departement=37&zone=zip&specialite=pediatrie&referent=me&retard=oui&tri=dueDate');
    expect(filtersOfParams(params)).toEqual({
      status: ['submitted', 'under_review'],
      departement: '37',
      zone: 'zip',
      specialty: 'pediatrie',
      referent: 'me',
      overdue: true,
      sort: 'dueDate',
    });
  });

  it('the docteurs juniors’ queue is an address of its own (situation=junior-doctor)', () => {
    const filters = filtersOfParams(new URLSearchParams('situation=junior-doctor&zone=zip'));
    expect(filters).toEqual({ candidateStatus: 'junior-doctor', zone: 'zip' });
    expect(paramsOfFilters(filters)).toEqual({ situation: 'junior-doctor', zone: 'zip' });
  });

  it('ignores an unknown sort and writes back what it read', () => {
    const filters = filtersOfParams(new URLSearchParams('tri=nimporte&zone=zac'));
    expect(filters).toEqual({ zone: 'zac' });
    expect(paramsOfFilters(filters)).toEqual({ zone: 'zac' });
  });

  it('goes back to the first page when a filter changes, and drops emptied filters', () => {
    expect(withFilter({ zone: 'zip', cursor: 'abc', overdue: true }, { overdue: false, departement: '' })).toEqual({ zone: 'zip' });
  });
});
