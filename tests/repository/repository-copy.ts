import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const NOT_COMMITTED = new Set(['node_modules', '.cache', '.git', 'dist', 'coverage', 'test-artifacts']);

/**
 * The committed tree (`git archive HEAD`) in a fresh folder that has nothing beside it; without git
 * (a copy that is itself an export) the files minus what git ignores.
 */
export function exportRepository(root: string): string {
  const lonely = mkdtempSync(join(tmpdir(), 'guichet-export-'));
  const copy = join(lonely, 'guichet');
  mkdirSync(copy);
  if (existsSync(join(root, '.git'))) {
    const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', copy], { input: archive });
  } else {
    cpSync(root, copy, { recursive: true, filter: (source) => !relative(root, source).split('/').some((part) => NOT_COMMITTED.has(part)) });
  }
  return copy;
}

interface Manifest {
  readonly name?: string;
  readonly workspaces?: readonly string[];
}

function workspaceFolders(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  return (manifest.workspaces ?? []).flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, 'package.json')))
          .map((entry) => join(pattern.slice(0, -2), entry.name))
      : [pattern],
  );
}

/**
 * Gives the copy the installed third-party packages of `root` (links, no download) while its own
 * workspaces resolve to the copy's files, so that what runs there reads the copy and nothing else.
 */
export function linkInstalledPackages(root: string, copy: string): void {
  const installed = join(root, 'node_modules');
  const modules = join(copy, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(installed)) {
    if (entry === '@guichet' || entry === '.package-lock.json') continue;
    symlinkSync(join(installed, entry), join(modules, entry));
  }
  mkdirSync(join(modules, '@guichet'));
  for (const folder of workspaceFolders(copy)) {
    const { name } = JSON.parse(readFileSync(join(copy, folder, 'package.json'), 'utf8')) as Manifest;
    if (name?.startsWith('@guichet/')) symlinkSync(join(copy, folder), join(modules, name));
    const own = join(root, folder, 'node_modules');
    if (existsSync(own)) symlinkSync(own, join(copy, folder, 'node_modules'));
  }
}
