import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { portalDir } from './portal-server.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; the flags keep it off the network this machine does not have. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) spawnSync('bash', [join(portalDir, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium introuvable (${chromiumPath}) : lancez apps/portal/scripts/ensure-chromium.sh (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=fr-FR',
    ],
  });
}
