import type * as mongo from 'mongodb';
import type { Replay, ReplayStore } from '../../application/ports.js';

type ReplayDocument = Omit<Replay, 'id'> & { _id: string };

const toReplay = ({ _id, ...rest }: ReplayDocument): Replay => ({ id: _id, ...rest });

export class MongoReplayStore implements ReplayStore {
  constructor(private readonly collection: mongo.Collection<ReplayDocument>) {}

  async insert({ id, ...rest }: Replay): Promise<void> {
    await this.collection.insertOne({ _id: id, ...rest });
  }

  async get(id: string): Promise<Replay | undefined> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toReplay(doc) : undefined;
  }

  async pending(): Promise<Replay[]> {
    return (await this.collection.find({ status: { $in: ['accepted', 'running'] } }).sort({ requestedAt: 1 }).toArray()).map(toReplay);
  }

  async update(id: string, changes: Partial<Pick<Replay, 'status' | 'eventCount'>>): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: changes });
  }
}
