import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { MongoClient } from 'mongodb';
import { tallyCommandsOf, type CommandCounter, type CommandTallies } from './mongo-commands.js';

// Loaded with `--import` into a service process by a benchmark only (bench/lib/mongo-census-reader.ts
// adds it to the services' node options), never by the service itself: counts the MongoDB commands
// the process sends, by command and collection. On SIGUSR2 it writes its cumulative tallies to
// $BENCH_MONGO_CENSUS_DIR/<pid>.json, so that the benchmark reads them at the instants it chooses.

/** What the probe writes; `seq` grows with each writing, so that the reader knows its signal was answered. */
export interface CensusSnapshot {
  pid: number;
  /** The service the process runs (`intake`, `matching`, `notifications`), from its entry's path. */
  service: string;
  seq: number;
  /** False until the service has loaded the driver and the probe is counting. */
  counting: boolean;
  commands: CommandTallies;
}

const directory = process.env['BENCH_MONGO_CENSUS_DIR'];
if (directory !== undefined && directory !== '') {
  const entry = process.argv.find((arg) => /services\/[a-z-]+\/src\/main\.ts$/.test(arg));
  const service = entry?.split('/').at(-3) ?? 'unknown';
  const file = join(directory, `${process.pid}.json`);
  let counter: CommandCounter | undefined;
  let seq = 0;
  const write = (): void => {
    const snapshot: CensusSnapshot = { pid: process.pid, service, seq: seq++, counting: counter !== undefined, commands: counter?.read() ?? {} };
    writeFileSync(file, JSON.stringify(snapshot));
  };
  // The service's OpenTelemetry hooks (imported after this file) patch the driver as it loads: loading it
  // here first would leave it unpatched and change what is measured. The probe waits for the
  // service to load it and takes the same CommonJS module from the cache.
  const require = createRequire(import.meta.url);
  const driverPath = require.resolve('mongodb');
  const watch = setInterval(() => {
    const driver = require.cache[driverPath]?.exports as { MongoClient?: typeof MongoClient } | undefined;
    if (driver?.MongoClient === undefined) return;
    clearInterval(watch);
    counter = tallyCommandsOf(driver.MongoClient);
    // The platform's client monitors its commands already; a client connected without it would otherwise count nothing.
    const prototype = driver.MongoClient.prototype;
    const connect = prototype.connect;
    prototype.connect = function (this: MongoClient) {
      this.options.monitorCommands = true;
      return connect.call(this);
    };
  }, 20);
  watch.unref();
  process.on('SIGUSR2', write);
  write();
}
