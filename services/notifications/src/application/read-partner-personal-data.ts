import { randomUUID } from 'node:crypto';
import type { PartnerPersonalData } from '@guichet/contracts';
import type { Clock } from '@guichet/platform';
import { partnerPersonalData, personalDataDisclosure, type PartnerCaller } from '../domain/personal-data.js';
import type { DisclosureLog } from './disclosure-log.js';
import type { CaseStore } from './ports.js';

export interface PartnerPersonalDataDeps {
  cases: Pick<CaseStore, 'load'>;
  disclosures: DisclosureLog;
  clock: Clock;
}

/** The personal part of a case a partner may read, logged for the candidate before it is answered; undefined when there is none for it. */
export async function readPartnerPersonalData(deps: PartnerPersonalDataDeps, partner: PartnerCaller, requestId: string): Promise<PartnerPersonalData | undefined> {
  const data = partnerPersonalData((await deps.cases.load(requestId))?.state, partner);
  if (data === undefined) return undefined;
  await deps.disclosures.record([personalDataDisclosure(randomUUID(), data, partner, deps.clock.now().toISOString())]);
  return data;
}
