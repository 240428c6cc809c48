import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as mongo from 'mongodb';

/**
 * A large value stored as one deflated binary field: FerretDB (SQLite) parses and rewrites every
 * field of a document it stores or reads, so a proposal set costs it an order of magnitude less
 * as one binary than as a document (bench/RESULTS.md). Level 1: nearly all of the gain for a
 * fraction of the CPU of the higher levels.
 */
export function packJson(value: unknown): mongo.Binary {
  return new mongo.Binary(deflateRawSync(JSON.stringify(value), { level: 1 }));
}

/** The value `packJson` stored; its type is the caller's (the field holds what the caller wrote). */
export function unpackJson<T>(packed: mongo.Binary): T {
  return JSON.parse(inflateRawSync(packed.buffer).toString('utf8')) as T;
}
