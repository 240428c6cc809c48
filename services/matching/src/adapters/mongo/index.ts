export { ensureIndexes, matchingCollections, type MatchingCollections } from './collections.js';
export { MongoAidSchemeStore } from './mongo-aid-scheme-store.js';
export { MongoIdempotencyStore } from './mongo-idempotency-store.js';
export { MongoOfferStore } from './mongo-offer-store.js';
export { MongoRequestStore } from './mongo-request-store.js';
export { MongoZoningStore } from './mongo-zoning-store.js';
