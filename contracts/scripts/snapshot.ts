import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { majorOf } from './lib/compat.js';
import { contractsRoot } from './lib/schemas.js';

// Freezes the released contracts as snapshots/v<major>/, the baseline of `npm run compat`.
const version = String((JSON.parse(readFileSync(path.join(contractsRoot, 'package.json'), 'utf8')) as { version: string }).version);
const target = path.join(contractsRoot, 'snapshots', `v${majorOf(version)}`);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const sub of ['schemas', 'openapi']) cpSync(path.join(contractsRoot, sub), path.join(target, sub), { recursive: true });
cpSync(path.join(contractsRoot, 'asyncapi.yaml'), path.join(target, 'asyncapi.yaml'));
writeFileSync(path.join(target, 'release.json'), `${JSON.stringify({ version }, null, 2)}\n`);
process.stdout.write(`snapshot of contracts ${version} written to ${path.relative(contractsRoot, target)}\n`);
