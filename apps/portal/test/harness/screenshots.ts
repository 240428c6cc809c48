import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './portal-server.js';

/** Git-ignored (test-artifacts/ in .gitignore). */
export const artifactsDir = join(repoRoot, 'test-artifacts', 'portal');

/** `PORTAL_README_SCREENSHOTS=1` also writes the README's pictures into docs/screenshots/ (the visible window). */
export async function readmePicture(page: Page, name: 'formulaire' | 'tableau-de-bord' | 'accueil' | 'connexion' | 'creation-compte'): Promise<void> {
  if (process.env.PORTAL_README_SCREENSHOTS !== '1') return;
  const directory = join(repoRoot, 'docs', 'screenshots');
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, `${name}.png`) });
}

export async function screenshot(page: Page, name: string, directory = artifactsDir): Promise<string> {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
