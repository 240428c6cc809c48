import type { InstallationRequestDraft } from '@guichet/contracts';
import { validateInstallationRequestDraft } from '@guichet/contracts';

// The simulation hands its choices to the request form across the login redirect.
const key = 'guichet.pre-remplissage';

export function keepPrefill(draft: InstallationRequestDraft): void {
  sessionStorage.setItem(key, JSON.stringify(draft));
}

export function peekPrefill(): InstallationRequestDraft | null {
  const text = sessionStorage.getItem(key);
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const result = validateInstallationRequestDraft(parsed);
    return result.ok ? result.value : null;
  } catch {
    return null;
  }
}

/** Once the form has merged it, so that it pre-fills one draft only. */
export function forgetPrefill(): void {
  sessionStorage.removeItem(key);
}
