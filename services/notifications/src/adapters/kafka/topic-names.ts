import { topics, type Topic } from '@guichet/contracts';
import type { Stakeholder } from '../../domain/stakeholders.js';

/** Topic names as deployed; tests give each run its own. */
export interface TopicNames {
  intakeRequests: string;
  matchingProposals: string;
  catalogueOffers: string;
  catalogueReference: string;
  stakeholder: Record<Stakeholder, string>;
}

export const defaultTopicNames: TopicNames = {
  intakeRequests: topics.intakeRequests,
  matchingProposals: topics.matchingProposals,
  catalogueOffers: topics.catalogueOffers,
  catalogueReference: topics.catalogueReference,
  stakeholder: {
    ars: topics.stakeholderArs,
    cpam: topics.stakeholderCpam,
    ordre: topics.stakeholderOrdre,
    collectivites: topics.stakeholderCollectivites,
  },
};

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
  return {
    intakeRequests: `${prefix}${names.intakeRequests}`,
    matchingProposals: `${prefix}${names.matchingProposals}`,
    catalogueOffers: `${prefix}${names.catalogueOffers}`,
    catalogueReference: `${prefix}${names.catalogueReference}`,
    stakeholder,
  };
}
