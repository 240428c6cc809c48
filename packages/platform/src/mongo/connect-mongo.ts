import { MongoClient, type Db } from 'mongodb';

export interface MongoOptions {
  uri: string;
  dbName: string;
  /** How long to wait for a reachable server before failing the first operation. */
  serverSelectionTimeoutMs?: number;
}

export interface MongoHandle {
  /** A client of its own (never shared between services or tests), with command monitoring (the benchmarks' command tallies read it). */
  client: MongoClient;
  /** The service's database on that client. */
  db: Db;
  /** True when the server answers `ping` (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectMongo({ uri, dbName, serverSelectionTimeoutMs = 5000 }: MongoOptions): Promise<MongoHandle> {
  const client = new MongoClient(uri, { monitorCommands: true, serverSelectionTimeoutMS: serverSelectionTimeoutMs });
  await client.connect();
  const db = client.db(dbName);
  return {
    client,
    db,
    async ping() {
      try {
        const answer = await db.command({ ping: 1 });
        return answer['ok'] === 1;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}
