import { describe, expect, it } from '@jest/globals';
import { bundleAccepted, newCaseIds, proposalsComputed, requestSubmitted } from '../../test/fixtures.js';
import { emptyCase, type CaseEvent, type CaseProjection } from './case-projection.js';
import type { ProjectionContext } from './drafts.js';
import { projectCase, type StakeholderMessage } from './project-case.js';

const noReference: ProjectionContext = { zoneOf: () => undefined, offer: () => undefined };

function play(requestId: string, events: CaseEvent[]): { state: CaseProjection; messages: StakeholderMessage[] } {
  let state = emptyCase(requestId);
  const messages: StakeholderMessage[] = [];
  events.forEach((event, index) => {
    const outcome = projectCase(state, { id: `source-${index}`, event }, noReference);
    state = outcome.state;
    messages.push(...outcome.messages);
  });
  return { state, messages };
}

describe('a proposed place whose zoning is unknown', () => {
  it('keeps no zone, and the ARS and CPAM are told the accepted place without one (not « hors zonage »)', () => {
    const ids = newCaseIds();
    const computed = proposalsComputed(ids);
    const { zone: _unknown, ...bundle } = computed.data.bundles[0]!;
    const { state, messages } = play(ids.requestId, [requestSubmitted(ids), { ...computed, data: { ...computed.data, bundles: [bundle] } }, bundleAccepted(ids)]);
    expect(state.bundles[0]).not.toHaveProperty('zone');
    const accepted = messages.filter((m) => m.payload['sourceEventType'] === 'bundle-accepted');
    const ars = accepted.find((m) => m.stakeholder === 'ars');
    const cpam = accepted.find((m) => m.stakeholder === 'cpam');
    expect(ars?.payload['acceptedBundle']).toMatchObject({ communeCode: bundle.communeCode });
    expect(ars?.payload['acceptedBundle']).not.toHaveProperty('zone');
    expect(cpam?.payload['installation']).toMatchObject({ communeCode: bundle.communeCode });
    expect(cpam?.payload['installation']).not.toHaveProperty('zone');
  });

  it('keeps the zone matching gave', () => {
    const ids = newCaseIds();
    const { state } = play(ids.requestId, [requestSubmitted(ids), proposalsComputed(ids)]);
    expect(state.bundles[0]?.zone).toBe('zip');
  });
});
