import type { ArsProjection, CollectivitesProjection, CpamProjection, OrdreProjection, Stakeholder } from '@guichet/contracts';

export type { Stakeholder } from '@guichet/contracts';

export const STAKEHOLDERS = ['ars', 'cpam', 'ordre', 'collectivites'] as const satisfies readonly Stakeholder[];

/** The desk's facts a stakeholder event can stem from (`sourceEventType` of every projection). */
export type SourceEventType = ArsProjection['sourceEventType'];

export const SOURCE_EVENT_TYPES = [
  'request-submitted',
  'request-updated',
  'request-status-changed',
  'proposals-computed',
  'bundle-accepted',
  'reservation-confirmed',
  'reservation-rejected',
  'request-withdrawn',
  'request-erased',
] as const satisfies readonly SourceEventType[];

export interface ProjectionOf {
  ars: ArsProjection;
  cpam: CpamProjection;
  ordre: OrdreProjection;
  collectivites: CollectivitesProjection;
}

export type StakeholderProjection = ProjectionOf[Stakeholder];

/** CloudEvents type of a stakeholder event, as listed in contracts/asyncapi.yaml. */
export const stakeholderEventType = (stakeholder: Stakeholder, source: SourceEventType): string =>
  `fr.sante.guichet.stakeholder.${stakeholder}.${source}.v1`;

const STAKEHOLDER_TYPE = /^fr\.sante\.guichet\.stakeholder\.(ars|cpam|ordre|collectivites)\.([a-z-]+)\.v1$/;

export function stakeholderOfEventType(type: string): Stakeholder | undefined {
  return STAKEHOLDER_TYPE.exec(type)?.[1] as Stakeholder | undefined;
}

export const isStakeholder = (value: string): value is Stakeholder => (STAKEHOLDERS as readonly string[]).includes(value);
