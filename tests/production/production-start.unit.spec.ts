import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { productionEnv } from './production-env.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');


/** Starts a service's entry as its own process, with nothing of this machine's environment but PATH. */
function start(service: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join('services', service, 'src', 'main.ts')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...productionEnv, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('a production start with a demo default', () => {
  it.each([
    ['matching', { DEMO_ZONING_REGIONS: '24' }, 'DEMO_ZONING_REGIONS'],
    ['intake', { MONGODB_URI: 'mongodb://mongo.region.example:27017' }, 'MONGODB_URI'],
    ['notifications', { WEBHOOK_LOOPBACK_TEST_MODE: 'true' }, 'WEBHOOK_LOOPBACK_TEST_MODE'],
  ])('stops %s at once with one line naming the setting', (service, demoDefault, setting) => {
    const run = start(service, demoDefault);
    expect({ status: run.status, stderr: run.stderr.trim().split('\n') }).toEqual({
      status: 1,
      stderr: [expect.stringMatching(new RegExp(`^GUICHET_ENV=production : démarrage refusé, ${setting} `))],
    });
    expect(run.stdout).toBe('');
  });
});
