import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLogged } from './commands.mjs';
import { cacheDir, infraDir, shown } from './paths.mjs';
import { StackError } from './stack-error.mjs';

// The realm's login theme `guichet`: FreeMarker templates over Keycloak's `base` theme
// (infra/keycloak/theme/guichet/) with the État's design system taken from the npm package
// @gouvfr/dsfr, pinned with its integrity in infra/keycloak/theme/package-lock.json. A folder theme
// in Keycloak's themes/ directory needs no `kc.sh build`, and `start-dev` reads it without a cache:
// a running server serves a newly installed theme at the next page.

export const themeName = 'guichet';
const sourceDir = path.join(infraDir, 'keycloak', 'theme');
const assetsDir = path.join(cacheDir, 'keycloak-theme');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// What the pages load from the package: the styles, the fonts and icons they point to, the
// favicons, and the script that drives the components (password display, alerts).
const dsfrParts = ['dsfr.min.css', 'dsfr.module.min.js', 'dsfr.nomodule.min.js', 'utility/icons/icons.min.css', 'fonts', 'icons', 'favicon'];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Hash of the theme's sources and its pinned assets: a new hash means a new installation. */
export function themeHash() {
  const hash = createHash('sha256');
  for (const file of filesUnder(sourceDir).filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`)).sort()) {
    hash.update(path.relative(sourceDir, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** @gouvfr/dsfr's dist/, installed once per lockfile under .cache/keycloak-theme/. */
async function dsfrDist(logFile) {
  const lock = readFileSync(path.join(sourceDir, 'package-lock.json'));
  const installDir = path.join(assetsDir, `npm-${createHash('sha256').update(lock).digest('hex').slice(0, 16)}`);
  const dist = path.join(installDir, 'node_modules', '@gouvfr', 'dsfr', 'dist');
  if (existsSync(path.join(installDir, '.complete'))) return dist;
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(sourceDir, file), path.join(installDir, file));
  await runLogged(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'], {
    cwd: installDir,
    logFile,
    timeoutMs: 10 * 60_000,
    what: 'keycloak: npm ci of @gouvfr/dsfr for the login theme',
  });
  if (!existsSync(path.join(dist, 'dsfr.min.css'))) throw new StackError(`keycloak: @gouvfr/dsfr has no dist/dsfr.min.css (see ${shown(logFile)})`);
  writeFileSync(path.join(installDir, '.complete'), '');
  return dist;
}

/**
 * Installs the theme into `<keycloak>/themes/guichet` when it is missing or older than its
 * sources; returns true when it wrote it. Built beside it and swapped in, so a running server
 * never reads half a theme.
 */
export async function installTheme(keycloakDir, { logFile }) {
  const target = path.join(keycloakDir, 'themes', themeName);
  const marker = path.join(target, '.theme.sha256');
  const hash = themeHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) return false;
  const dist = await dsfrDist(logFile);
  const staging = `${target}.staging`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(path.join(sourceDir, themeName), staging, { recursive: true });
  for (const part of dsfrParts) {
    const from = path.join(dist, part);
    if (!existsSync(from)) throw new StackError(`keycloak: @gouvfr/dsfr has no dist/${part}`);
    cpSync(from, path.join(staging, 'login', 'resources', 'dsfr', part), { recursive: statSync(from).isDirectory() });
  }
  writeFileSync(path.join(staging, '.theme.sha256'), `${hash}\n`);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return true;
}

// `node infra/local/lib/keycloak-theme.mjs <dir>` writes the theme into <dir>/themes/guichet
// (infra/docker/keycloak.Dockerfile builds compose's Keycloak with it).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node infra/local/lib/keycloak-theme.mjs <keycloak-dir>');
    process.exit(2);
  }
  try {
    await installTheme(path.resolve(target), { logFile: path.join(assetsDir, 'install.log') });
    console.log(`${path.join(path.resolve(target), 'themes', themeName)} ready`);
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
