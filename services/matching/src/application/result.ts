import type { FieldError } from '@guichet/contracts';
import { fail, type Result as Outcome } from '@guichet/platform';

export { fail, ok } from '@guichet/platform';

export type Result<T, E = UseCaseError> = Outcome<T, E>;

/** Expected failures of the use cases, mapped to RFC 9457 problems once, at the HTTP edge. */
export type UseCaseError =
  | { readonly kind: 'invalid'; readonly detail: string; readonly errors: readonly FieldError[] }
  | { readonly kind: 'not-found'; readonly detail: string }
  | { readonly kind: 'out-of-territory'; readonly detail: string }
  | { readonly kind: 'not-owner'; readonly detail: string }
  | { readonly kind: 'version-conflict'; readonly detail: string; readonly currentVersion: number }
  | { readonly kind: 'conflict'; readonly slug: string; readonly detail: string };

export const invalid = (errors: readonly FieldError[], detail = 'Certaines données envoyées ne sont pas valides.'): Result<never> =>
  fail({ kind: 'invalid', detail, errors });
