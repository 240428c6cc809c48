// Public surface of @guichet/contracts: generated types and validators of every schema, the event
// catalogue, topics, CloudEvents headers and the RFC 9457 problem helper.
export type * from './generated/types.js';
export * from './generated/validate.js';
export { enumLabels } from './generated/labels.js';
export type { LabelledEnum } from './generated/labels.js';
export type { CompiledValidator, ValidationError, ValidationResult, Validator } from './validation.js';
export { toValidator } from './validation.js';
export {
  eventCatalogue,
  eventTypes,
  eventTypesOfTopic,
  isEventType,
  parseEvent,
  partitionKeyOf,
  topicOf,
  validateEvent,
} from './events.js';
export type { EventOf, EventOnTopic, EventPayloads, EventType, GuichetEvent, TopicOfEvent } from './events.js';
export { allStreamTopics, allTopics, deadLetterTopicOf, stakeholderStreams, stakeholderTopics, topics } from './topics.js';
export type { DeadLetterTopic, StreamTerritory, Topic } from './topics.js';
export { cloudEventSources, fromKafkaHeaders, toKafkaHeaders } from './cloudevents.js';
export type { CloudEventAttributes, KafkaHeaderValue } from './cloudevents.js';
export {
  fieldErrorsFromValidationErrors,
  fieldOfPointer,
  patternMessages,
  problemFromValidationErrors,
  problemTypes,
} from './problem.js';
export type { ProblemOptions } from './problem.js';
export { createAjv } from './ajv-factory.js';
export { frenchFormats, isRppsNumber } from './french-formats.js';
export { intakeEventSealing, isSealedEventData, openEventData, openIfSealed, sealEventData } from './sealed-data.js';
export { AUDIT_ACTION_LABELS, auditActionLabel, auditFieldLabel, requestFieldLabel } from './case-labels.js';
export { CASE_TRANSITIONS, caseworkerTargets } from './case-lifecycle.js';
export type { CaseTransition, LifecycleActor } from './case-lifecycle.js';
