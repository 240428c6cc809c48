import { valueOrThrow } from '@guichet/platform';
import type { Result } from '../../application/index.js';
import { problemOf } from './problems.js';

/** The value of a use case, or its expected failure thrown as a problem for the error handler. */
export const unwrap = <T>(result: Result<T>): T => valueOrThrow(result, problemOf);
