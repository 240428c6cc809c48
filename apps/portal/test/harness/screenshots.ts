import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './portal-server.js';

/** Git-ignored (test-artifacts/ in .gitignore). */
export const artifactsDir = join(repoRoot, 'test-artifacts', 'portal');

export async function screenshot(page: Page, name: string, directory = artifactsDir): Promise<string> {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
