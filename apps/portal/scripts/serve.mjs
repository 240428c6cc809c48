#!/usr/bin/env node
// `npm start -w @guichet/portal`: builds the portal when its sources changed, then serves it with
// `vite preview` on http://127.0.0.1:5173 (the only origin Keycloak's portal clients accept), the
// services reached through /api/<service> (INTAKE_URL, MATCHING_URL override their addresses).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const portal = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(portal, '..', '..');

function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = join(portal, 'dist', 'index.html');
const sources = Math.max(...['src', 'index.html', 'vite.config.ts', 'vite'].map((path) => newest(join(portal, path))));
if (!existsSync(built) || statSync(built).mtimeMs < sources || !existsSync(join(portal, 'public', 'communes.json'))) {
  const build = spawnSync('npm', ['run', 'build', '-w', '@guichet/portal'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`
Portail : http://127.0.0.1:5173
  Candidat     interne.demo / demo   (ou interne2.demo)
  Instructeur  ars.cvl / demo        (cpam.37 / demo pour la CPAM)
  Offres       publisher.37 / demo
`);
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const child = spawn(process.execPath, [vite, 'preview', '--port', '5173', '--strictPort', '--host', '127.0.0.1'], { cwd: portal, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
