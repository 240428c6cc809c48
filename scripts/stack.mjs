#!/usr/bin/env node
// Same as `node infra/local/stack.mjs …` (npm run stack:up | stack:down | stack:status).
import { runOnProjectNode } from '../infra/local/node-runtime.mjs';

try {
  await runOnProjectNode();
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
const { main } = await import('../infra/local/stack.mjs');
process.exitCode = await main(process.argv.slice(2));
