import { randomBytes } from 'node:crypto';
import { Binary, type Collection, type MongoClient } from 'mongodb';
import { systemClock, type Clock } from '../clock.js';
import { fulfilled, GroupWhileBusy, type Settlement } from '../batching/group-while-busy.js';
import { GroupCommit } from '../mongo/group-commit.js';

/**
 * The desk's data keys: one 256-bit key per case, which seals the case's events wherever they are
 * copied (topics, dead letters, backups). Destroying the key is what erases those copies
 * (crypto-shredding). In a region's deployment this is the key management service's role; the
 * adapter here keeps the keys in a database of their own, apart from every service's data.
 */
export interface DataKeyVault {
  /** The case's key, created on first use; undefined once destroyed (never created again). */
  keyFor(id: string): Promise<Uint8Array | undefined>;
  /** The case's key, or undefined when it never existed or was destroyed. */
  find(id: string): Promise<Uint8Array | undefined>;
  /** Destroys the keys for good, leaving their ids: what they sealed can no longer be read. */
  destroy(ids: readonly string[]): Promise<void>;
}

/** A key, or the mark of a destroyed one (its case id alone), so that it is not created again. */
export interface DataKeyDocument {
  _id: string;
  key?: Binary;
  createdAt: Date;
  destroyedAt?: Date;
}

/** Keys the writer has used lately: a case's events are sealed several times in a few minutes. */
const CACHED_KEYS = 1000;
/** Keys read by one `find`: the sealed events of a consumer's batch, and more. */
const READS = 100;

export const DATA_KEYS_COLLECTION = 'data_keys';
export const DEFAULT_KEY_VAULT_DB = 'guichet_keys';

export class MongoDataKeyVault implements DataKeyVault {
  private readonly cache = new Map<string, Uint8Array>();
  /** New keys of cases submitted at the same time go in one insert: one per submission otherwise. */
  private readonly inserts: GroupCommit<DataKeyDocument>;
  /** Keys asked while a read is under way go together in the next `find`: the events of a batch are opened side by side. */
  private readonly reads: GroupWhileBusy<string, Uint8Array | undefined>;

  constructor(private readonly collection: Collection<DataKeyDocument>, private readonly clock: Clock = systemClock) {
    this.inserts = new GroupCommit(collection);
    this.reads = new GroupWhileBusy((ids) => this.findAll(ids), { maxWeight: READS });
  }

  async keyFor(id: string): Promise<Uint8Array | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const fresh = randomBytes(32);
    if ((await this.inserts.insertOne({ _id: id, key: new Binary(fresh), createdAt: this.clock.now() })) === 'inserted') return this.remember(id, fresh);
    const stored = await this.find(id);
    return stored === undefined ? undefined : this.remember(id, stored);
  }

  find(id: string): Promise<Uint8Array | undefined> {
    return this.reads.run(id);
  }

  private async findAll(ids: readonly string[]): Promise<Array<Settlement<Uint8Array | undefined>>> {
    const docs = await this.collection.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    const keys = new Map(docs.map((doc) => [doc._id, doc.key]));
    return ids.map((id) => {
      const key = keys.get(id);
      return fulfilled(key ? new Uint8Array(key.buffer) : undefined);
    });
  }

  /** The case's key was destroyed, maybe by another process: this one no longer keeps it. */
  forget(id: string): void {
    this.cache.delete(id);
  }

  async destroy(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) this.cache.delete(id);
    const destroyedAt = this.clock.now();
    await this.collection.bulkWrite(
      ids.map((_id) => ({ replaceOne: { filter: { _id }, replacement: { createdAt: destroyedAt, destroyedAt }, upsert: true } })),
      { ordered: false },
    );
  }

  private remember(id: string, key: Uint8Array): Uint8Array {
    if (this.cache.size >= CACHED_KEYS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(id, key);
    return key;
  }
}

/** The vault on the database named by `KEY_VAULT_DB` (`guichet_keys` by default), on the service's own client. */
export function openKeyVault(client: MongoClient, env: NodeJS.ProcessEnv = process.env): MongoDataKeyVault {
  const dbName = env['KEY_VAULT_DB'] ?? DEFAULT_KEY_VAULT_DB;
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(dbName)) throw new Error(`KEY_VAULT_DB invalide : ${dbName}`);
  return new MongoDataKeyVault(client.db(dbName).collection<DataKeyDocument>(DATA_KEYS_COLLECTION));
}
