import { randomUUID } from 'node:crypto';
import express from 'express';
import * as mongo from 'mongodb';

// The baseline: a bare express app inserting the same document with the driver, nothing else.

const uri = process.env['MONGODB_URI'];
const dbName = process.env['MONGODB_DB'];
if (!uri || !dbName) throw new Error('MONGODB_URI et MONGODB_DB attendus');
const client = await new mongo.MongoClient(uri).connect();
const requests = client.db(dbName).collection<{ _id: string; status: string; version: number; submittedAt: string; createdAt: string; data: unknown }>('requests');
const app = express();
app.use(express.json({ limit: '64kb' }));
app.post('/requests', async (req, res) => {
  const id = randomUUID();
  const now = new Date().toISOString();
  await requests.insertOne({ _id: id, status: 'submitted', version: 2, submittedAt: now, createdAt: now, data: req.body as unknown });
  res.status(201).json({ id });
});
const server = app.listen(0, () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => void client.close().then(() => process.exit(0)));
});
