import { ConfigError } from './load-config.js';
import { ProductionRefused } from './production-mode.js';

/**
 * Ends a process whose start failed: a refused or invalid configuration is told in its own
 * words (one line per setting), anything else with its stack. Exit code 1 either way.
 */
export function exitOnStartFailure(error: unknown): never {
  const known = error instanceof ConfigError || error instanceof ProductionRefused;
  process.stderr.write(`${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
