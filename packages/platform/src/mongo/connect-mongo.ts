import mongoose, { type Connection } from 'mongoose';
import { traceCommands } from './command-tracing.js';

export interface MongoOptions {
  uri: string;
  dbName: string;
  /** How long to wait for a reachable server before failing the first operation. */
  serverSelectionTimeoutMs?: number;
}

export interface MongoHandle {
  /** A dedicated mongoose connection (never the global default), for models and `connection.db`. */
  connection: Connection;
  /** True when the server answers `ping` (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectMongo({ uri, dbName, serverSelectionTimeoutMs = 5000 }: MongoOptions): Promise<MongoHandle> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    monitorCommands: true,
    serverSelectionTimeoutMS: serverSelectionTimeoutMs,
  });
  traceCommands(connection.getClient(), dbName);
  await connection.asPromise();
  return {
    connection,
    async ping() {
      try {
        const answer = await connection.getClient().db(dbName).command({ ping: 1 });
        return answer['ok'] === 1;
      } catch {
        return false;
      }
    },
    close: () => connection.close(),
  };
}
