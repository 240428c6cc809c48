import { GroupCommit } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { Replay, ReplayStore } from '../../application/ports.js';

type ReplayDocument = Omit<Replay, 'id'> & { _id: string };

/** A replay reaching a status, `_id` `<replay>:<status>`: inserted once, never changed. */
interface ReplayStateDocument {
  _id: string;
  replayId: string;
  status: Replay['status'];
  eventCount?: number;
}

/** Later statuses win: a replay run by two instances at once may record `running` after `done`. */
const RANK: Record<Replay['status'], number> = { accepted: 0, running: 1, failed: 2, done: 3 };
const LATER: ReadonlyArray<Replay['status']> = ['running', 'failed', 'done'];
const stateId = (id: string, status: Replay['status']) => `${id}:${status}`;

/**
 * Replays as asked for (one insert each), and the statuses they reach, each an insert of its own:
 * every instance runs what is pending, and writes nothing that another instance's write undoes.
 */
export class MongoReplayStore implements ReplayStore {
  private readonly stateInserts: GroupCommit<ReplayStateDocument>;

  constructor(
    private readonly collection: mongo.Collection<ReplayDocument>,
    private readonly states: mongo.Collection<ReplayStateDocument>,
  ) {
    this.stateInserts = new GroupCommit(states);
  }

  async insert({ id, ...rest }: Replay): Promise<void> {
    await this.collection.insertOne({ _id: id, ...rest });
  }

  async get(id: string): Promise<Replay | undefined> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? (await this.withStates([doc]))[0] : undefined;
  }

  async pending(): Promise<Replay[]> {
    const docs = await this.collection.find({ status: { $in: ['accepted', 'running'] } }).sort({ requestedAt: 1 }).toArray();
    return (await this.withStates(docs)).filter((replay) => replay.status === 'accepted' || replay.status === 'running');
  }

  async update(id: string, { status, eventCount }: Partial<Pick<Replay, 'status' | 'eventCount'>>): Promise<void> {
    if (status === undefined) return;
    await this.stateInserts.insertOne({ _id: stateId(id, status), replayId: id, status, ...(eventCount === undefined ? {} : { eventCount }) });
  }

  /** Each replay at the latest status it reached (recorded in the document itself before statuses had their own). */
  private async withStates(docs: readonly ReplayDocument[]): Promise<Replay[]> {
    const ids = docs.flatMap((doc) => LATER.map((status) => stateId(doc._id, status)));
    const states = ids.length > 0 ? await this.states.find({ _id: { $in: ids } }).toArray() : [];
    return docs.map(({ _id, ...rest }) => {
      let replay: Replay = { id: _id, ...rest };
      for (const state of states) {
        if (state.replayId !== _id || RANK[state.status] <= RANK[replay.status]) continue;
        replay = { ...replay, status: state.status, ...(state.eventCount === undefined ? {} : { eventCount: state.eventCount }) };
      }
      return replay;
    });
  }
}
