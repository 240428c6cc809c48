import { stakeholderStreams, topics, type StreamTerritory, type Territory, type Topic } from '@guichet/contracts';
import { streamsOf } from '../../domain/partner-streams.js';
import { stakeholderOfEventType, type Stakeholder } from '../../domain/stakeholders.js';

/** Topic names as deployed; tests give each run its own. */
export interface TopicNames {
  intakeRequests: string;
  matchingProposals: string;
  catalogueOffers: string;
  catalogueReference: string;
  /** Where disclosures to partners go, for the candidates' access logs in intake. */
  caseAccess: string;
  stakeholder: Record<Stakeholder, string>;
  /** The partners' territorial streams of each family, by territory. */
  streams: Record<Stakeholder, Partial<Record<StreamTerritory, string>>>;
}

export const defaultTopicNames: TopicNames = {
  intakeRequests: topics.intakeRequests,
  matchingProposals: topics.matchingProposals,
  catalogueOffers: topics.catalogueOffers,
  catalogueReference: topics.catalogueReference,
  caseAccess: topics.auditCaseAccess,
  stakeholder: {
    ars: topics.stakeholderArs,
    cpam: topics.stakeholderCpam,
    ordre: topics.stakeholderOrdre,
    collectivites: topics.stakeholderCollectivites,
  },
  streams: stakeholderStreams,
};

/** Every territorial stream: written by notifications, read by partners only (no `.dlq` twin). */
export const streamTopicsOf = (names: TopicNames): string[] => Object.values(names.streams).flatMap((streams) => Object.values(streams));

/** The contract topic each deployed name stands for. */
export function contractTopics(names: TopicNames): Map<string, Topic> {
  return new Map<string, Topic>([
    [names.intakeRequests, topics.intakeRequests],
    [names.matchingProposals, topics.matchingProposals],
    [names.catalogueOffers, topics.catalogueOffers],
    [names.catalogueReference, topics.catalogueReference],
    [names.stakeholder.ars, topics.stakeholderArs],
    [names.stakeholder.cpam, topics.stakeholderCpam],
    [names.stakeholder.ordre, topics.stakeholderOrdre],
    [names.stakeholder.collectivites, topics.stakeholderCollectivites],
  ]);
}

export function prefixedTopicNames(prefix: string, names: TopicNames = defaultTopicNames): TopicNames {
  if (prefix === '') return names;
  const stakeholder = Object.fromEntries(Object.entries(names.stakeholder).map(([family, topic]) => [family, `${prefix}${topic}`])) as TopicNames['stakeholder'];
  const streams = Object.fromEntries(
    Object.entries(names.streams).map(([family, byTerritory]) => [family, Object.fromEntries(Object.entries(byTerritory).map(([territory, topic]) => [territory, `${prefix}${topic}`]))]),
  ) as TopicNames['streams'];
  return {
    intakeRequests: `${prefix}${names.intakeRequests}`,
    matchingProposals: `${prefix}${names.matchingProposals}`,
    catalogueOffers: `${prefix}${names.catalogueOffers}`,
    catalogueReference: `${prefix}${names.catalogueReference}`,
    caseAccess: `${prefix}${names.caseAccess}`,
    stakeholder,
    streams,
  };
}

/**
 * The topics of a stakeholder event: its family's log (read back for webhooks) and the partner
 * stream of each territory its case touches. A type of no family is a defect of the caller.
 */
export function stakeholderTopicsOf(names: TopicNames, event: { type: string; data: unknown }): string[] {
  const stakeholder = stakeholderOfEventType(event.type);
  if (!stakeholder) throw new Error(`type d'événement sans famille destinataire : ${event.type}`);
  const { territory } = event.data as { territory?: Territory };
  const streams = streamsOf(stakeholder, territory).map((stream) => names.streams[stakeholder][stream]);
  return [names.stakeholder[stakeholder], ...streams.filter((topic): topic is string => topic !== undefined)];
}
