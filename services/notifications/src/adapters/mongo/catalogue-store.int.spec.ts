import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MongoHandle } from '@guichet/platform';
import { openDatabase, unique } from '../../../test/harness.js';
import { InMemoryCatalogue } from '../../application/catalogue-in-memory.js';
import { database, ensureIndexes } from './collections.js';
import { MongoCatalogueStore } from './catalogue-store.js';

let handle: MongoHandle;
let records: MongoCatalogueStore;
let catalogue: InMemoryCatalogue;

beforeAll(async () => {
  handle = await openDatabase(unique('notifications_catalogue_'));
  const db = database(handle);
  await ensureIndexes(db);
  records = new MongoCatalogueStore(db.collection('offers'), db.collection('zoning_periods'));
  catalogue = new InMemoryCatalogue(records);
});

afterAll(async () => {
  await handle.db.dropDatabase();
  await handle.close();
});

describe('catalogue read model', () => {
  it('knows the zone of every commune of a whole region after one import, and a redelivered import changes nothing', async () => {
    const communes = Array.from({ length: 1200 }, (_, i) => `${37000 + i}`);
    const periods = communes.map((communeCode, i) => ({ communeCode, zone: i % 3 === 0 ? ('zip' as const) : ('zac' as const), effectiveFrom: '2024-01-01' }));
    await catalogue.recordZoning('import-2024', periods);
    await catalogue.recordZoning('import-2024', periods.map((p) => ({ ...p, zone: 'zip' as const })));
    const context = await catalogue.context(['37000', '37001', '37999'], []);
    expect([context.zoneOf('37000', '2025-06-01'), context.zoneOf('37001', '2025-06-01'), context.zoneOf('37999', '2023-06-01')]).toEqual(['zip', 'zac', undefined]);
  });

  it('applies the order in force on the date asked when a later import rezones a commune', async () => {
    await catalogue.recordZoning('import-2026', [{ communeCode: '37001', zone: 'zip', effectiveFrom: '2026-03-01' }]);
    const context = await catalogue.context(['37001'], []);
    expect([context.zoneOf('37001', '2025-12-31'), context.zoneOf('37001', '2026-06-01')]).toEqual(['zac', 'zip']);
  });

  it('keeps the newest version of an offer, whatever the order it is heard in', async () => {
    await catalogue.recordOffer({ id: 'offre-1', kind: 'premises', communeCode: '37072', version: 2 });
    await catalogue.recordOffer({ id: 'offre-1', kind: 'premises', communeCode: '37261', version: 1 });
    expect((await catalogue.context([], ['offre-1', 'offre-2'])).offer('offre-1')).toEqual({ kind: 'premises', communeCode: '37072' });
  });

  it('keeps the newest version when two instances record the versions of an offer at once, each in its own order', async () => {
    const other = new MongoCatalogueStore(database(handle).collection('offers'), database(handle).collection('zoning_periods'));
    const versions = [1, 2, 3, 4, 5, 6].map((version) => ({ id: 'offre-2', kind: 'housing' as const, communeCode: version === 6 ? '37261' : '37072', version }));
    await Promise.all([...versions.map((offer) => records.recordOffer(offer)), ...[...versions].reverse().map((offer) => other.recordOffer(offer))]);
    for (const store of [records, other]) expect((await new InMemoryCatalogue(store).context([], ['offre-2'])).offer('offre-2')).toEqual({ kind: 'housing', communeCode: '37261' });
  });

  it('is rebuilt from what was recorded when the service starts again', async () => {
    const restarted = new InMemoryCatalogue(records);
    const context = await restarted.context(['37000', '37001'], ['offre-1']);
    expect([context.zoneOf('37000', '2025-06-01'), context.zoneOf('37001', '2025-12-31'), context.zoneOf('37001', '2026-06-01')]).toEqual(['zip', 'zac', 'zip']);
    expect(context.offer('offre-1')).toEqual({ kind: 'premises', communeCode: '37072' });
  });
});
