import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DEMO_CANDIDATES } from './demo-candidates.js';
import { demoAccountLines, demoAccounts, ROLE_LABELS } from './demo-accounts.mjs';
import { PUBLISHERS } from './demo-region.js';

// The demo accounts a newcomer reads about (README, the list `npm start` prints) and those the demo
// loader logs in with are the demo realm's users, with their roles, organisations and territories.

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const start = readFileSync(new URL('./start.mjs', import.meta.url), 'utf8');

/** The rows of the README's demo-accounts table: account, role, organisation, territory. */
function readmeAccounts() {
  const section = /<!-- demo-accounts[^>]*-->([\s\S]*?)<!-- \/demo-accounts -->/.exec(readme)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [username, role, organisation, territory] = line.split('|').slice(1, 5).map((cell) => cell.trim().replace(/`/g, ''));
      return { username, role, organisation: organisation || null, territory: territory ? territory.split(', ') : [] };
    });
}

const byName = <T extends { username: string | undefined }>(rows: T[]) => [...rows].sort((a, b) => String(a.username).localeCompare(String(b.username)));

describe('demo accounts', () => {
  it('are listed in the README as the realm defines them', () => {
    expect(byName(readmeAccounts())).toEqual(byName(demoAccounts().map((a) => ({ ...a, territory: [...a.territory] }))));
  });

  it('are printed by npm start from the realm, each under its role', () => {
    const printed = new Map<string, string[]>();
    let label = '';
    for (const line of demoAccountLines()) {
      if (!line.startsWith(' ')) label = Object.values(ROLE_LABELS).find((l) => line.startsWith(l)) ?? line;
      printed.set(label, [...(printed.get(label) ?? []), ...line.slice(31).split(', ')]);
    }
    const expected = new Map<string, string[]>();
    for (const { username, role } of demoAccounts()) expected.set(ROLE_LABELS[role]!, [...(expected.get(ROLE_LABELS[role]!) ?? []), username]);
    expect(printed).toEqual(expected);
    expect(start).toContain('demoAccountLines()');
    for (const { username } of demoAccounts()) expect(start).not.toContain(username);
  });

  it('include every account the demo loader publishes or files requests with, in its role and département', () => {
    const accounts = new Map(demoAccounts().map((a) => [a.username, a]));
    for (const p of PUBLISHERS) expect({ username: p.username, ...accounts.get(p.username) }).toMatchObject({ role: 'offer-publisher', territory: expect.arrayContaining([p.departement]) });
    for (const c of DEMO_CANDIDATES) expect({ username: c.username, role: accounts.get(c.username)?.role }).toEqual({ username: c.username, role: 'candidate' });
    for (const d of ['18', '28', '36', '37', '41', '45']) {
      expect({ d, cpam: demoAccounts().some((a) => a.role === 'caseworker-cpam' && a.territory.includes(d)) }).toEqual({ d, cpam: true });
    }
  });
});
