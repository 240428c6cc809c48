export const ROLES = [
  'candidate',
  'caseworker-ars',
  'caseworker-cpam',
  'ordre',
  'collectivite',
  'offer-publisher',
  'partner',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export interface Territory {
  /** INSEE region codes, e.g. `24` (Centre-Val de Loire). */
  regions: string[];
  /** Département codes, e.g. `37`, `2A`. */
  departements: string[];
}

/** Who is calling, as established by a verified access token. */
export interface Principal {
  /** `sub`: stable user (or service account) id. */
  subject: string;
  username: string;
  /** `name`: the person's display name, when the token carries one (staff accounts do). */
  displayName?: string;
  /** `azp`: the client the token was issued to. */
  clientId: string;
  roles: Role[];
  territory: Territory;
  /** The organisation the account acts for (`organisation` claim): owner of what it publishes. */
  organisation?: string;
}

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
