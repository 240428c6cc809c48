import { describe, expect, it } from '@jest/globals';
import type { Territory } from '@guichet/contracts';
import { eventTypeProblems, outOfScope, subscriptionWants } from './subscription-rules.js';

const published = new Set(['fr.sante.guichet.stakeholder.cpam.request-submitted.v1', 'fr.sante.guichet.stakeholder.ars.request-submitted.v1']);
const cpam37 = { regions: [], departements: ['37'] };
const territory = (departements: string[], regions = ['24']): Territory => ({ regions, departements }) as Territory;

describe('subscription rules', () => {
  it('let a partner subscribe only to published events of its own family', () => {
    expect(eventTypeProblems('cpam', ['fr.sante.guichet.stakeholder.cpam.request-submitted.v1'], published)).toEqual([]);
    expect(eventTypeProblems('cpam', ['fr.sante.guichet.stakeholder.ars.request-submitted.v1', 'fr.sante.guichet.stakeholder.cpam.nope.v1'], published).map((p) => p.field)).toEqual([
      'eventTypes[0]',
      'eventTypes[1]',
    ]);
  });

  it('keep the territory filter inside the partner’s own territory', () => {
    expect(outOfScope({ departements: ['37'], communes: ['37072'] }, cpam37)).toEqual([]);
    expect(outOfScope({ departements: ['41'], communes: ['41018'], regions: ['24'] }, cpam37).map((p) => p.field)).toEqual([
      'territory.regions[0]',
      'territory.departements[0]',
      'territory.communes[0]',
    ]);
    expect(outOfScope({ departements: ['41'] }, { regions: ['24'], departements: [] })).toEqual([]);
  });

  it('deliver an event only within the partner’s territory and filter', () => {
    const subscription = { stakeholder: 'cpam' as const, eventTypes: ['fr.sante.guichet.stakeholder.cpam.request-submitted.v1'], scope: cpam37 };
    const type = 'fr.sante.guichet.stakeholder.cpam.request-submitted.v1';
    expect(subscriptionWants(subscription, type, territory(['37']))).toBe(true);
    expect(subscriptionWants(subscription, type, territory(['41']))).toBe(false);
    expect(subscriptionWants(subscription, type, undefined)).toBe(false);
    expect(subscriptionWants(subscription, 'fr.sante.guichet.stakeholder.cpam.request-erased.v1', territory(['37']))).toBe(false);
    expect(subscriptionWants({ ...subscription, territory: { communes: ['37261'] } }, type, { ...territory(['37']), communes: ['37072'] })).toBe(false);
    expect(subscriptionWants({ ...subscription, territory: { communes: ['37072'] } }, type, { ...territory(['37']), communes: ['37072'] })).toBe(true);
  });
});
