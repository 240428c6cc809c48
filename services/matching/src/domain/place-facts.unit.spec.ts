import { describe, expect, it } from '@jest/globals';
import type { EligibilityProfile } from '@guichet/contracts';
import { aidCatalogue, communes, demoZoningFile } from '../../test/reference-files.js';
import { generateDemoZoning } from '../reference/demo-zoning.js';
import { bestCombination } from './combination.js';
import { evaluateEligibility } from './eligibility.js';
import { placeFactsKey } from './place-facts.js';
import { zoneAt, zoningTimelineFromOrders } from './zoning.js';

const catalogue = aidCatalogue();
const all = communes();
const zoning = zoningTimelineFromOrders(generateDemoZoning(all.filter((c) => c.region === '24'), '24', demoZoningFile()));
const at = '2026-10-01';
const intern: EligibilityProfile = {
  status: 'intern',
  specialty: 'medecine-generale',
  projects: ['installation', 'internship'],
  sector: '1',
  practiceMode: 'msp',
  coordinatedPractice: true,
  halfDaysPerWeek: 8,
  onCallParticipation: true,
  firstInstallation: true,
  plannedInstallationDate: '2027-05-01',
  internship: { startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: true },
};

/** What scoring reads of a bare place's verdicts: statuses, amounts, the best combination. */
function scoring(insee: string) {
  const c = all.find((commune) => commune.insee === insee)!;
  const place = { commune: { insee: c.insee, name: c.name, departement: c.departement, region: c.region, population: c.population }, zone: zoneAt(zoning, c.insee, at), nearby: [] };
  const verdicts = evaluateEligibility({ profile: intern, place, at, previousAids: [], catalogue, zoning });
  return JSON.stringify([verdicts.map((v) => [v.schemeId, v.status, v.amount.estimated]), bestCombination(verdicts, catalogue)]);
}

describe('placeFactsKey: the facts of a bare place that its verdicts read', () => {
  it('gives places with the same key the same statuses, amounts and best combination (Centre-Val de Loire with its demo zoning, Île-de-France without zoning)', () => {
    const sample = all.filter((c) => c.region === '24' || c.departement === '75' || c.departement === '93').filter((_, i) => i % 4 === 0);
    const seen = new Map<string, { insee: string; scoring: string }>();
    let shared = 0;
    for (const c of sample) {
      const key = placeFactsKey({ profile: intern, at, catalogue, zoning }, c);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { insee: c.insee, scoring: scoring(c.insee) });
        continue;
      }
      shared += 1;
      expect([c.insee, scoring(c.insee)]).toEqual([c.insee, first.scoring]);
    }
    expect(shared).toBeGreaterThan(sample.length / 2);
  });

  it('tells apart places whose zone differs at one of the dates the schemes are judged at', () => {
    const query = { profile: intern, at, catalogue, zoning };
    const byZone = new Map<string, string>();
    for (const c of all.filter((commune) => commune.departement === '37')) byZone.set(String(zoneAt(zoning, c.insee, '2027-05-01')), placeFactsKey(query, c));
    expect(new Set(byZone.values()).size).toBe(byZone.size);
  });
});
