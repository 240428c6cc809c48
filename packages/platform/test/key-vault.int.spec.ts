import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectMongo, openKeyVault, type MongoHandle } from '../src/index.js';
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
});
