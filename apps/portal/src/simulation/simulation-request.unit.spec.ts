import { describe, expect, it } from '@jest/globals';
import { validateEligibilitySimulationRequest, validateInstallationRequestDraft } from '@guichet/contracts';
import { choicesOfParams, draftOfChoices, paramsOfChoices, simulationRequest } from './simulation-request.js';

describe('try before filing', () => {
  it('needs a situation and a commune before asking the matching service', () => {
    expect(simulationRequest({ status: 'intern' })).toBeNull();
    expect(simulationRequest({ communeInsee: '37072' })).toBeNull();
  });

  it('builds a request the matching service accepts, with the usual project of the situation', () => {
    const request = simulationRequest({ status: 'junior-doctor', specialty: 'medecine-generale', sector: '1', communeInsee: '37072' });
    expect(request).toEqual({
      profile: { status: 'junior-doctor', projects: ['installation'], specialty: 'medecine-generale', sector: '1' },
      communeInsee: '37072',
    });
    expect(validateEligibilitySimulationRequest(request).ok).toBe(true);
    expect(simulationRequest({ status: 'student', communeInsee: '37072' })?.profile.projects).toEqual(['studies']);
  });

  it('starts a draft from the same choices', () => {
    const draft = draftOfChoices({ status: 'intern', sector: '2-optam', communeInsee: '37261', project: 'internship' });
    expect(draft).toEqual({ status: 'intern', practice: { sector: '2-optam' }, targets: { communes: ['37261'] } });
    expect(validateInstallationRequestDraft(draft).ok).toBe(true);
  });

  it('keeps the choices in the address', () => {
    const choices = { status: 'doctor' as const, communeInsee: '37072', sector: '1' as const };
    expect(choicesOfParams(new URLSearchParams(paramsOfChoices(choices)))).toEqual({ ...choices, specialty: undefined, project: undefined });
  });
});
