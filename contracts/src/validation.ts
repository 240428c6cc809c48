import type { ErrorObject } from 'ajv/dist/2020.js';

export type ValidationError = ErrorObject;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

/** Shape of an ajv precompiled validator (generated/validators.js). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

export type Validator<T> = (data: unknown) => ValidationResult<T>;

export function toValidator<T>(compiled: CompiledValidator): Validator<T> {
  return (data: unknown) => {
    if (compiled(data)) return { ok: true, value: data as T };
    return { ok: false, errors: [...(compiled.errors ?? [])] };
  };
}
