/**
 * What a use case answers: its value, or the expected failure that the HTTP edge maps to a problem
 * once. Each service names its own failures (`E`); the shape and its constructors are shared.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** The value, or the failure thrown as the problem `toProblem` makes of it (rendered by the error handler). */
export function valueOrThrow<T, E>(result: Result<T, E>, toProblem: (error: E) => Error): T {
  if (result.ok) return result.value;
  throw toProblem(result.error);
}
