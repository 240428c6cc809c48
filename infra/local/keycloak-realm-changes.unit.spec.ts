import { describe, expect, it } from '@jest/globals';
import { realmAdditions } from './lib/realm-changes.mjs';

const before = {
  realm: 'guichet',
  bruteForceProtected: true,
  clients: [{ clientId: 'portal', publicClient: true }],
  users: [{ username: 'ars.cvl', enabled: true }],
};

describe('a realm change on the running Keycloak', () => {
  it('adds new clients and users without a restart', () => {
    const after = { ...before, clients: [...before.clients, { clientId: 'notifications', serviceAccountsEnabled: true }], users: [...before.users, { username: 'cpam.41' }] };
    expect(realmAdditions(before, after)).toEqual({ clients: [{ clientId: 'notifications', serviceAccountsEnabled: true }], users: [{ username: 'cpam.41' }] });
  });

  it('restarts for anything else: a realm setting, a changed or removed client or user', () => {
    expect(realmAdditions(before, { ...before, bruteForceProtected: false })).toBeUndefined();
    expect(realmAdditions(before, { ...before, clients: [{ clientId: 'portal', publicClient: false }] })).toBeUndefined();
    expect(realmAdditions(before, { ...before, users: [] })).toBeUndefined();
  });
});
