export { runCatalogueConsumer, type CatalogueConsumerOptions } from './catalogue-consumer.js';
export { runIntakeConsumer, type IntakeConsumerOptions } from './intake-consumer.js';
export { runOfferProjection, type OfferProjectionOptions } from './offer-projection.js';
export { runReferenceProjection, type ReferenceProjectionOptions } from './reference-projection.js';
export { topicNames, topicSpecs, type TopicNames } from './topic-names.js';
