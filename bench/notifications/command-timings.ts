import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Loaded into the service by the benchmark (`--import`) when NOTIFICATIONS_BENCH_COMMANDS names a
// file: times each driver call per collection and method, and writes the totals at exit.

const out = process.env['NOTIFICATIONS_BENCH_COMMANDS'];
if (out) {
  // The driver is CommonJS: the module required here is the one the service imports, so its Collection class is the service's.
  const require = createRequire(import.meta.url);
  const { Collection } = require('mongodb') as { Collection: { prototype: Record<string, unknown> } };
  const totals = new Map<string, { count: number; ms: number; maxMs: number; docs: number }>();
  const methods = ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'bulkWrite', 'findOne', 'findOneAndUpdate', 'countDocuments'];
  for (const method of methods) {
    const original = Collection.prototype[method] as (...args: unknown[]) => Promise<unknown>;
    Collection.prototype[method] = async function timed(this: { collectionName: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const key = `${this.collectionName}.${method}`;
        const entry = totals.get(key) ?? { count: 0, ms: 0, maxMs: 0, docs: 0 };
        entry.count += 1;
        entry.ms += ms;
        entry.maxMs = Math.max(entry.maxMs, ms);
        entry.docs += Array.isArray(args[0]) ? args[0].length : 1;
        totals.set(key, entry);
      }
    };
  }
  process.on('exit', () => {
    const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms).map(([key, t]) => ({ key, count: t.count, docs: t.docs, totalMs: Math.round(t.ms), meanMs: Math.round((t.ms / t.count) * 100) / 100, maxMs: Math.round(t.maxMs) }));
    writeFileSync(out, JSON.stringify(rows, null, 1));
  });
}
