import { describe, expect, it } from '@jest/globals';
import { organisationName } from './organisation-name.js';

describe('organisationName', () => {
  it.each([
    ['CPAM', { regions: [], departements: ['37'] }, 'most-precise', 'CPAM Indre-et-Loire'],
    ['CPAM', { regions: ['24'], departements: ['41'] }, 'most-precise', 'CPAM Loir-et-Cher'],
    ['ARS', { regions: ['24'], departements: [] }, 'region', 'ARS Centre-Val de Loire'],
    ['ARS', { regions: [], departements: ['37'] }, 'region', 'ARS Centre-Val de Loire'],
    ['Administration du guichet', { regions: [], departements: [] }, 'most-precise', 'Administration du guichet'],
  ] as const)('%s over %j (%s) reads %s', (body, scope, level, expected) => {
    expect(organisationName(body, scope, level)).toBe(expected);
  });
});
