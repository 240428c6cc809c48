import { topics } from './generated/events.js';

export { stakeholderTopics, topics } from './generated/events.js';

export type Topic = (typeof topics)[keyof typeof topics];
export type DeadLetterTopic = `${Topic}.dlq`;

export const allTopics: readonly Topic[] = Object.values(topics);

export function deadLetterTopicOf(topic: Topic): DeadLetterTopic {
  return `${topic}.dlq`;
}
