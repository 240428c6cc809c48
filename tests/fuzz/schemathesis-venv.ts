import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * schemathesis lives in a Python virtual environment under the git-ignored `.cache/`, at the
 * version pinned in tests/fuzz/requirements.txt. The venv is reused while its recorded
 * requirements match the file, and rebuilt from PyPI otherwise.
 */

export interface Schemathesis {
  readonly executable: string;
  readonly version: string;
}

function run(command: string, args: readonly string[], what: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw new Error(`${what} : ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} (code ${result.status}) :\n${result.stderr || result.stdout}`);
  return result.stdout;
}

export function ensureSchemathesis(root: string, python = process.env.PYTHON ?? 'python3'): Schemathesis {
  const requirementsFile = join(root, 'tests', 'fuzz', 'requirements.txt');
  const requirements = readFileSync(requirementsFile, 'utf8');
  const venv = join(root, '.cache', 'schemathesis-venv');
  const marker = join(venv, 'installed-requirements.txt');
  const executable = join(venv, 'bin', 'schemathesis');
  const upToDate = existsSync(executable) && existsSync(marker) && readFileSync(marker, 'utf8') === requirements;
  if (!upToDate) {
    rmSync(venv, { recursive: true, force: true });
    run(python, ['-m', 'venv', venv], 'création de l’environnement Python');
    run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirementsFile], 'installation de schemathesis');
    writeFileSync(marker, requirements);
  }
  const version = run(executable, ['--version'], 'schemathesis --version').trim();
  return { executable, version };
}
