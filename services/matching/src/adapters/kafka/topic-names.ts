import { topicOf, topics, type EventType, type Topic } from '@guichet/contracts';
import type { TopicSpec } from '@guichet/platform';

/** Topics the service reads and writes; a prefix isolates a test run from the real ones. */
export interface TopicNames {
  readonly intakeRequests: string;
  readonly catalogueOffers: string;
  readonly catalogueReference: string;
  readonly matchingProposals: string;
  readonly caseAccess: string;
  /** Where an event type travels, prefix included (for the outbox relays). */
  of(type: string): string;
}

export function topicNames(prefix = ''): TopicNames {
  const name = (topic: Topic) => `${prefix}${topic}`;
  return {
    intakeRequests: name(topics.intakeRequests),
    catalogueOffers: name(topics.catalogueOffers),
    catalogueReference: name(topics.catalogueReference),
    matchingProposals: name(topics.matchingProposals),
    caseAccess: name(topics.auditCaseAccess),
    of: (type) => name(topicOf(type as EventType)),
  };
}

/** Topic specs of a prefixed run (tests): each topic and its `.dlq` twin. */
export function topicSpecs(names: TopicNames): TopicSpec[] {
  return [names.intakeRequests, names.catalogueOffers, names.catalogueReference, names.matchingProposals, names.caseAccess].flatMap((topic) => [
    { topic, partitions: 3 },
    { topic: `${topic}.dlq`, partitions: 1 },
  ]);
}
