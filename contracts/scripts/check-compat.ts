import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findBreakingChanges, majorOf } from './lib/compat.js';
import { contractsRoot } from './lib/schemas.js';

// Compares the working tree with the latest snapshot (snapshots/v<N>). A breaking change fails
// unless package.json carries a greater major version than the snapshot (new topics, new /v<N> routes).
const snapshotsDir = path.join(contractsRoot, 'snapshots');
const snapshots = existsSync(snapshotsDir)
  ? readdirSync(snapshotsDir).filter((d) => /^v[0-9]+$/.test(d)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
  : [];
const latest = snapshots[snapshots.length - 1];
if (!latest) {
  process.stderr.write('Aucun instantané dans contracts/snapshots : lancez `npm run snapshot -w @guichet/contracts`.\n');
  process.exit(1);
}
const baseline = path.join(snapshotsDir, latest);
const released = String((JSON.parse(readFileSync(path.join(baseline, 'release.json'), 'utf8')) as { version: string }).version);
const current = String((JSON.parse(readFileSync(path.join(contractsRoot, 'package.json'), 'utf8')) as { version: string }).version);
const changes = findBreakingChanges(baseline, contractsRoot);
if (changes.length === 0) {
  process.stdout.write(`Contrats ${current} compatibles avec ${released} (${latest}).\n`);
} else if (majorOf(current) > majorOf(released)) {
  process.stdout.write(`${changes.length} changement(s) incompatible(s) avec ${released}, admis par la version majeure ${current}.\n`);
} else {
  process.stderr.write(`${changes.length} changement(s) incompatible(s) avec ${released} (${latest}) :\n`);
  for (const c of changes) process.stderr.write(`  - ${c.where} : ${c.change}\n`);
  process.stderr.write('Rendez le changement compatible, ou passez à une nouvelle version majeure (nouveau topic, nouveau type .v2).\n');
  process.exitCode = 1;
}
