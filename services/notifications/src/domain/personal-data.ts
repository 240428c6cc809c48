import { enumLabels, type PartnerPersonalData } from '@guichet/contracts';
import { organisationName, regionOfDepartement, scopeOf, touches, type TerritoryClaims } from '@guichet/territory';
import type { CaseProjection } from './case-projection.js';
import type { Disclosure } from './disclosures.js';
import type { Stakeholder } from './stakeholders.js';

/** The call where a partner reads the personal part of a case its family may know. */
export const personalDataPath = (requestId: string): string => `/v1/partner-cases/${requestId}/personal-data`;

/**
 * A disclosed payload as published: the identity and the contact (the only personal fields the
 * policy lets out) replaced by the call that serves them. Topics, webhooks, the event log and its
 * replays then hold nothing an erasure would have to reach.
 */
export function withoutPersonalData<P extends Record<string, unknown>>(payload: P, requestId: string): Omit<P, 'identity' | 'contact'> & { personalData?: { href: string } } {
  const { identity, contact, ...rest } = payload;
  if (identity === undefined && contact === undefined) return rest;
  return { ...rest, personalData: { href: personalDataPath(requestId) } };
}

export interface PartnerCaller {
  clientId: string;
  stakeholder: Stakeholder;
  scope: TerritoryClaims;
}

/**
 * What a partner reads through the call: the part its family's policy row lets out, only when the
 * case has already disclosed it to the family on a territory of the partner, while the case lives
 * and the candidate consents. Anything else reads as unknown.
 */
export function partnerPersonalData(state: CaseProjection | undefined, partner: PartnerCaller): PartnerPersonalData | undefined {
  if (!state || state.erased || !state.person || state.consents?.[partner.stakeholder] !== true) return undefined;
  const scope = scopeOf(partner.scope);
  const disclosed = state.identityRecipients.some((r) => r.stakeholder === partner.stakeholder && touches(scope, r.territory, regionOfDepartement));
  if (!disclosed) return undefined;
  const { firstName, lastName, rpps, email, phone } = state.person;
  if (partner.stakeholder === 'collectivites') return { requestId: state.requestId, contact: { firstName, lastName, email, ...(phone === undefined ? {} : { phone }) } };
  return { requestId: state.requestId, identity: { firstName, lastName, ...(rpps === undefined ? {} : { rpps }) } };
}

/** The read, for the candidate's access log. */
export function personalDataDisclosure(id: string, data: PartnerPersonalData, partner: PartnerCaller, at: string): Disclosure {
  return {
    id,
    data: {
      requestId: data.requestId,
      at,
      actorKind: 'partner',
      actorId: partner.clientId,
      organisation: organisationName(enumLabels.Stakeholder[partner.stakeholder], partner.scope, partner.stakeholder === 'ars' ? 'region' : 'most-precise'),
      action: 'disclosure',
      channel: 'http',
      what: data.identity ? 'Votre identité et votre numéro RPPS' : 'Vos coordonnées',
    },
  };
}
