import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const infraDir = path.join(repoRoot, 'infra');
export const localDir = path.join(infraDir, 'local');
export const cacheDir = path.join(repoRoot, '.cache');
export const binDir = path.join(cacheDir, 'bin');
export const runDir = path.join(cacheDir, 'run');
export const endpointsFile = path.join(runDir, 'endpoints.json');

export function componentRunDir(name) {
  return path.join(runDir, name);
}

// Messages show paths relative to the repository so they stay short and copy-pastable.
export function shown(file) {
  return path.relative(process.cwd(), file) || '.';
}
