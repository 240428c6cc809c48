import { describe, expect, it } from '@jest/globals';
import { prefixedTopicNames, stakeholderTopicsOf } from './topic-names.js';

const topics = prefixedTopicNames('');
const territory = { regions: ['24'], departements: ['37', '41'] };
const event = (family: string, data: Record<string, unknown> = {}) => ({ type: `fr.sante.guichet.stakeholder.${family}.request-submitted.v1`, data });

describe('topics of a stakeholder event', () => {
  it('are its family’s log, then the partner stream of every territory its case touches', () => {
    expect(stakeholderTopicsOf(topics, event('collectivites', { territory }))).toEqual([
      topics.stakeholder.collectivites,
      topics.streams.collectivites['departement-37'],
      topics.streams.collectivites['departement-41'],
    ]);
    expect(stakeholderTopicsOf(topics, event('ars', { territory }))).toEqual([topics.stakeholder.ars, topics.streams.ars['region-24']]);
  });

  it('are refused for an event type no family receives', () => {
    expect(() => stakeholderTopicsOf(topics, { type: 'fr.sante.guichet.intake.request-submitted.v1', data: {} })).toThrow('sans famille');
  });
});
