import type { FieldError } from '@guichet/contracts';

export type Result<T, E = UseCaseError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Expected failures of the use cases, mapped to RFC 9457 problems once, at the HTTP edge. */
export type UseCaseError =
  | { readonly kind: 'invalid'; readonly detail: string; readonly errors: readonly FieldError[] }
  | { readonly kind: 'not-found'; readonly detail: string }
  | { readonly kind: 'out-of-territory'; readonly detail: string }
  | { readonly kind: 'not-owner'; readonly detail: string }
  | { readonly kind: 'version-conflict'; readonly detail: string; readonly currentVersion: number }
  | { readonly kind: 'conflict'; readonly slug: string; readonly detail: string };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

export const invalid = (errors: readonly FieldError[], detail = 'Certaines données envoyées ne sont pas valides.'): Result<never> =>
  fail({ kind: 'invalid', detail, errors });
