import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateEvents } from './lib/events.js';
import { generateLabels } from './lib/labels.js';
import { contractsRoot, loadSchemaFiles, namedSchemas } from './lib/schemas.js';
import { generateTypes } from './lib/types.js';
import { generateValidateModule, generateValidators } from './lib/validators.js';

const generatedDir = path.join(contractsRoot, 'src/generated');

/** Every generated file, path relative to contracts/ -> content. Pure apart from reading the sources. */
export async function generateAll(): Promise<Map<string, string>> {
  const files = loadSchemaFiles();
  const named = namedSchemas(files);
  const { js, dts } = generateValidators(files, named);
  const out = new Map<string, string>();
  out.set('src/generated/types.ts', await generateTypes(files, named));
  out.set('src/generated/validators.js', js);
  out.set('src/generated/validators.d.ts', dts);
  out.set('src/generated/validate.ts', generateValidateModule(named));
  out.set('src/generated/labels.ts', generateLabels(named));
  out.set('src/generated/events.ts', generateEvents(files, named));
  return out;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const outputs = await generateAll();
  const stale: string[] = [];
  mkdirSync(generatedDir, { recursive: true });
  for (const [relative, content] of outputs) {
    const target = path.join(contractsRoot, relative);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    stale.push(relative);
    if (!check) writeFileSync(target, content);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`Generated code is out of date (run npm run generate -w @guichet/contracts): ${stale.join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(check ? 'generated code is up to date\n' : `generated: ${stale.length ? stale.join(', ') : 'nothing changed'}\n`);
}

await main();
