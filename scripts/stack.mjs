#!/usr/bin/env node
// Same as `node infra/local/stack.mjs …` (npm run stack:up | stack:down | stack:status).
import { main } from '../infra/local/stack.mjs';

process.exitCode = await main(process.argv.slice(2));
