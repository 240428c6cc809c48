// The demo accounts as the demo realm defines them (infra/keycloak/demo/), for the list `npm start`
// prints and the README's, which a unit test holds to the realm. Plain Node, no dependency.
import { demoRealm } from '../infra/keycloak/demo-realm.mjs';

/** The roles in the order they are listed, with the label `npm start` prints. */
export const ROLE_LABELS = {
  candidate: 'candidats',
  'caseworker-ars': 'agents ARS',
  'caseworker-cpam': 'agents CPAM',
  ordre: 'Ordre des médecins',
  collectivite: 'collectivités (aides locales)',
  'offer-publisher': "publieurs d'offres",
  admin: 'administrateur',
};

/** Each demo user: username, its guichet role, organisation and territory (region and département codes). */
export function demoAccounts() {
  return demoRealm().users.filter((user) => user.serviceAccountClientId === undefined).map((user) => {
    const role = user.realmRoles.find((name) => name in ROLE_LABELS);
    if (role === undefined) throw new Error(`compte de démonstration ${user.username} sans rôle du guichet`);
    const attributes = user.attributes ?? {};
    return {
      username: user.username,
      role,
      organisation: attributes.organisation?.[0] ?? null,
      territory: [...(attributes.region ?? []), ...(attributes.departement ?? [])],
    };
  });
}

/** The lines `npm start` prints: each role's label, then its accounts, wrapped at `width` characters. */
export function demoAccountLines(width = 100) {
  const indent = 31;
  const accounts = demoAccounts();
  const lines = [];
  for (const [role, label] of Object.entries(ROLE_LABELS)) {
    const chunks = [];
    for (const { username } of accounts.filter((account) => account.role === role)) {
      const last = chunks.at(-1);
      if (last && indent + [...last, username].join(', ').length <= width) last.push(username);
      else chunks.push([username]);
    }
    chunks.forEach((chunk, index) => lines.push(`${(index === 0 ? label : '').padEnd(indent)}${chunk.join(', ')}`));
  }
  return lines;
}
