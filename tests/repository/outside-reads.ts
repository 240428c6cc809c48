import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folders that make the product: none of them may read the team's reference folder beside the repository. */
export const PRODUCT_FOLDERS = ['services', 'packages', 'apps', 'contracts', 'scripts', 'infra', 'tests', 'bench'] as const;

const CODE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|json|ya?ml|sh)$|Dockerfile$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', '.cache', 'test-artifacts']);

// A path into the folder beside the repository, written as one string (a relative path, or one
// built on the repository root) or as path segments given to join().
const OUTSIDE_PATH = [/\.\.\/(?:\.\.\/)*shared\b/, /['"`]\.\.['"`]\s*,\s*['"`]shared['"`]/];

export interface OutsideRead {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export function outsideReadsIn(text: string): number[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => (OUTSIDE_PATH.some((pattern) => pattern.test(line)) ? [index + 1] : []));
}

function* codeFiles(folder: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* codeFiles(path);
    } else if (CODE_FILE.test(entry.name)) {
      yield path;
    }
  }
}

export function outsideReads(root: string): OutsideRead[] {
  const found: OutsideRead[] = [];
  for (const folder of PRODUCT_FOLDERS) {
    for (const file of codeFiles(join(root, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const line of outsideReadsIn(text)) found.push({ file: relative(root, file), line, text: text.split('\n')[line - 1]!.trim() });
    }
  }
  return found;
}
