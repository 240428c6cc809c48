import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectMongo, DATA_KEYS_COLLECTION, MongoDataKeyVault, OpenedKeys, openKeyVault, type DataKeyDocument, type MongoHandle } from '../src/index.js';
import { stackEnv, unique } from './support.js';

const database = unique('platform_keys_');
let mongo: MongoHandle;

beforeAll(async () => {
  mongo = await connectMongo({ uri: stackEnv().mongoUri, dbName: database });
});

afterAll(async () => {
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

describe('the key vault', () => {
  it('gives a case one key, to every instance, until it is destroyed; then never again', async () => {
    const env = { KEY_VAULT_DB: database };
    const writer = openKeyVault(mongo.client, env);
    const other = openKeyVault(mongo.client, env);
    const key = await writer.keyFor('case-1');
    if (key === undefined) throw new Error('the vault gave no key to a new case');
    expect(key).toHaveLength(32);
    expect(await other.keyFor('case-1')).toEqual(key);
    expect(await other.find('case-1')).toEqual(key);

    await writer.destroy(['case-1']);
    expect(await other.find('case-1')).toBeUndefined();
    expect(await writer.keyFor('case-1')).toBeUndefined();
    expect(JSON.stringify(await mongo.db.collection('data_keys').find({}).toArray())).not.toContain(Buffer.from(key).toString('base64'));
  });

  it('gives cases asked at the same time, from two instances, one key each, the same in both', async () => {
    const env = { KEY_VAULT_DB: database };
    const [first, second] = [openKeyVault(mongo.client, env), openKeyVault(mongo.client, env)];
    const cases = Array.from({ length: 40 }, (_, index) => `together-${index}`);
    const [mine, theirs] = await Promise.all([Promise.all(cases.map((id) => first.keyFor(id))), Promise.all(cases.map((id) => second.keyFor(id)))]);
    expect(mine.every((key) => key?.length === 32)).toBe(true);
    expect(theirs).toEqual(mine);
    expect(new Set(mine.map((key) => Buffer.from(key ?? []).toString('hex'))).size).toBe(cases.length);
    expect(await mongo.db.collection('data_keys').countDocuments({ _id: { $in: cases } } as object)).toBe(cases.length);
  });

  it('reads the keys of cases opened at the same time in one find, a destroyed or unknown case getting none', async () => {
    const writer = openKeyVault(mongo.client, { KEY_VAULT_DB: database });
    const cases = Array.from({ length: 12 }, (_, index) => `opened-${index}`);
    const keys = await Promise.all(cases.map((id) => writer.keyFor(id)));
    await writer.destroy(['opened-3']);
    const collection = mongo.client.db(database).collection<DataKeyDocument>(DATA_KEYS_COLLECTION);
    let finds = 0;
    const counted = Object.assign(Object.create(collection) as typeof collection, {
      find: (...args: Parameters<typeof collection.find>) => {
        finds += 1;
        return collection.find(...args);
      },
    });
    const reader = new MongoDataKeyVault(counted);
    const read = await Promise.all([...cases, 'opened-never'].map((id) => reader.find(id)));
    expect(finds).toBe(1);
    expect(read).toEqual([...keys.map((key, index) => (index === 3 ? undefined : key)), undefined]);
  });

  it('opens a case with a key read once per instance, and no longer once it is erased, seen or not by that instance', async () => {
    const env = { KEY_VAULT_DB: database };
    const intake = openKeyVault(mongo.client, env);
    const vault = openKeyVault(mongo.client, env);
    let now = 0;
    const clock = { now: () => new Date(now) };
    let reads = 0;
    const counted = (id: string) => {
      reads += 1;
      return vault.find(id);
    };
    const seeing = new OpenedKeys(counted, { ttlMs: 60_000, clock });
    const unseeing = new OpenedKeys(counted, { ttlMs: 60_000, clock });
    const key = await intake.keyFor('case-2');
    for (const keys of [seeing, unseeing]) for (let event = 0; event < 3; event += 1) expect(await keys.keyOf('case-2')).toEqual(key);
    expect(reads).toBe(2);

    await intake.destroy(['case-2']);
    seeing.forget('case-2');
    expect(await seeing.keyOf('case-2')).toBeUndefined();
    // The instance that did not read the erasure keeps the key for the bound, counted from its read.
    now += 59_999;
    expect(await unseeing.keyOf('case-2')).toEqual(key);
    now += 1;
    expect(await unseeing.keyOf('case-2')).toBeUndefined();
  });
});
