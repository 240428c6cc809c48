import { createContext, useContext } from 'react';
import type { InstallationRequestDraft } from '@guichet/contracts';
import type { FieldPath } from './paths.js';

/** Binds the form fields to one object (the request draft, an offer) and its errors. */
export interface FieldBinding<T extends object = InstallationRequestDraft> {
  data: T;
  readOnly: boolean;
  update(path: FieldPath, value: unknown): void;
  errorOf(path: FieldPath): string | undefined;
  touch(path: FieldPath): void;
}

export const FieldContext = createContext<FieldBinding<object> | null>(null);

export function useFields<T extends object = InstallationRequestDraft>(): FieldBinding<T> {
  const binding = useContext(FieldContext);
  if (!binding) throw new Error('useFields outside of a form binding');
  return binding as FieldBinding<T>;
}

/** Stable DOM id of a field, so an error summary can link to it. */
export function fieldId(path: FieldPath): string {
  return `champ-${path.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
}
