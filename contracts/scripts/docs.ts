import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateEventCatalogueMarkdown } from './lib/event-docs.js';
import { contractsRoot, loadSchemaFiles } from './lib/schemas.js';

const target = path.join(contractsRoot, 'docs', 'event-catalogue.md');
const markdown = generateEventCatalogueMarkdown(loadSchemaFiles());
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== markdown) {
    process.stderr.write('contracts/docs/event-catalogue.md is out of date (run npm run docs -w @guichet/contracts)\n');
    process.exitCode = 1;
  }
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, markdown);
  process.stdout.write(`written ${path.relative(contractsRoot, target)}\n`);
}
