import { stakeholderStreams, topics } from './generated/events.js';

export { stakeholderStreams, stakeholderTopics, topics } from './generated/events.js';

export type Topic = (typeof topics)[keyof typeof topics];
export type DeadLetterTopic = `${Topic}.dlq`;

export const allTopics: readonly Topic[] = Object.values(topics);

export function deadLetterTopicOf(topic: Topic): DeadLetterTopic {
  return `${topic}.dlq`;
}

/** A partner stream's territory: `region-<code>` or `departement-<code>`. */
export type StreamTerritory = { [F in keyof typeof stakeholderStreams]: keyof (typeof stakeholderStreams)[F] }[keyof typeof stakeholderStreams];

/** Every territorial partner stream of the contract (they have no `.dlq` twin: no service reads them). */
export const allStreamTopics: readonly string[] = Object.values(stakeholderStreams).flatMap((streams) => Object.values(streams));
