import type { Result } from '../../application/index.js';
import { problemOf } from './problems.js';

/** The value of a use case, or its expected failure thrown as a problem for the error handler. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw problemOf(result.error);
  return result.value;
}
