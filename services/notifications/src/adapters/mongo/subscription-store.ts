import type { mongo } from 'mongoose';
import type { Subscription, SubscriptionStore } from '../../application/ports.js';
import type { Stakeholder } from '../../domain/stakeholders.js';
import { isDuplicateKey } from './collections.js';

type SubscriptionDocument = Omit<Subscription, 'id'> & { _id: string };

const toSubscription = ({ _id, ...rest }: SubscriptionDocument): Subscription => ({ id: _id, ...rest });

export class MongoSubscriptionStore implements SubscriptionStore {
  constructor(private readonly collection: mongo.Collection<SubscriptionDocument>) {}

  async insert({ id, ...rest }: Subscription): Promise<'inserted' | 'exists'> {
    try {
      await this.collection.insertOne({ _id: id, ...rest });
      return 'inserted';
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
  }

  async get(id: string): Promise<Subscription | undefined> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toSubscription(doc) : undefined;
  }

  async listByClient(clientId: string): Promise<Subscription[]> {
    return (await this.collection.find({ clientId }).sort({ createdAt: 1 }).toArray()).map(toSubscription);
  }

  async forStakeholder(stakeholder: Stakeholder): Promise<Subscription[]> {
    return (await this.collection.find({ stakeholder }).toArray()).map(toSubscription);
  }

  async setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined> {
    await this.collection.updateOne({ _id: id }, { $set: { status, updatedAt: at } });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }
}
