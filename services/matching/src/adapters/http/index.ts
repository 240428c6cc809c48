export { createMatchingApp, type MatchingAppOptions } from './create-matching-app.js';
export type { HttpDeps } from './http-deps.js';
