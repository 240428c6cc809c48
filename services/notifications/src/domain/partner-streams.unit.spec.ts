import { describe, expect, it } from '@jest/globals';
import type { Territory } from '@guichet/contracts';
import { streamsOf } from './partner-streams.js';

const territory = (departements: string[], communes?: string[]): Territory => ({
  regions: [...new Set(departements.map((d) => (['18', '28', '36', '37', '41', '45'].includes(d) ? '24' : '11')))] as Territory['regions'],
  departements: departements as Territory['departements'],
  ...(communes ? { communes: communes as Territory['communes'] } : {}),
});

describe('partner streams of a stakeholder event', () => {
  it('go to the stream of each département the case touches, for the département-level families', () => {
    expect(streamsOf('collectivites', territory(['37']))).toEqual(['departement-37']);
    expect(streamsOf('cpam', territory(['37', '41']))).toEqual(['departement-37', 'departement-41']);
    expect(streamsOf('ordre', territory(['41'], ['41018']))).toEqual(['departement-41']);
  });

  it('go to the région stream for the ARS, once however many of its départements the case touches', () => {
    expect(streamsOf('ars', territory(['37', '41']))).toEqual(['region-24']);
  });

  it('go nowhere for a territory without a stream or an event without territory', () => {
    expect(streamsOf('collectivites', territory(['75']))).toEqual([]);
    expect(streamsOf('ars', territory(['75']))).toEqual([]);
    expect(streamsOf('cpam', undefined)).toEqual([]);
  });

  it('keep a case of a neighbouring département off a département stream', () => {
    expect(streamsOf('collectivites', territory(['41']))).not.toContain('departement-37');
  });
});
