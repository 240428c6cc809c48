import type * as mongo from 'mongodb';
import type { Outbox, OutboxEntry } from '../outbox/outbox.js';
import { failed, fulfilled, GroupWhileBusy, type Settlement } from '../batching/group-while-busy.js';
import { GroupCommit } from './group-commit.js';
import { packJson, unpackJson } from './packed-json.js';

/** A document written only through `ClaimedRevisions`: `revision` counts its writes (absent: none yet). */
export interface Revised {
  _id: string;
  revision?: number;
}

/**
 * The claim of the one write that follows a revision of a document, keyed `<id>@<revision>`:
 * inserted once, never changed, except that erasure drops the snapshots of revisions passed.
 */
export interface RevisionClaim<D extends Revised> {
  _id: string;
  documentId: string;
  /** The revision the claimed write produced. */
  revision: number;
  /** The document as the claimed write left it. */
  document?: D;
  /** The events the write produced, published by the outbox from here. */
  outbox?: OutboxEntry[];
  /** `document` and `outbox` packed together (`packJson`), when the claims are written packed. */
  packedWrite?: mongo.Binary;
}

/** What a claim holds beside its key, packed or not. */
type ClaimContent<D extends Revised> = Pick<RevisionClaim<D>, 'document' | 'outbox'>;

function contentOf<D extends Revised>(claim: RevisionClaim<D>): ClaimContent<D> {
  return claim.packedWrite === undefined ? claim : unpackJson<ClaimContent<D>>(claim.packedWrite);
}

/** The document a claimed write left, packed or not; undefined once erased. */
export const claimedDocument = <D extends Revised>(claim: RevisionClaim<D>): D | undefined => contentOf(claim).document;

/** The events of a claimed write, packed or not. */
export const claimedEvents = <D extends Revised>(claim: RevisionClaim<D>): OutboxEntry[] | undefined => contentOf(claim).outbox;

export interface ClaimedRevisionsOptions {
  /**
   * Claims written with their document and events packed in one binary field: a MongoDB-wire
   * server that converts each field of a document (FerretDB) then stores a claim for a fraction
   * of the cost. Claims are read packed or not either way.
   */
  packed?: boolean;
}

export type ClaimOutcome = 'written' | 'lost';

/** Claims followed before giving up: more would mean claims and documents disagree. */
const FOLLOWED_CLAIMS = 1_000;

export const claimKey = (id: string, revision: number): string => `${id}@${revision}`;

const revisionOf = (doc: Revised): number => doc.revision ?? 0;

/**
 * Optimistic concurrency that every MongoDB-wire server gives, MongoDB replica sets and FerretDB
 * alike. A conditional update (`{ _id, version }` filter) is not enough there: FerretDB applies an
 * update as read-then-write, so several concurrent writers of one version all match. A unique
 * index is enforced by both, so a write first inserts the claim of the revision it follows; only
 * one insert of that key succeeds, and only its author replaces the document.
 *
 * The claim carries the document it writes: a writer that stops between its claim and its replace
 * leaves the claim as the latest revision, and `read` follows the claims from the stored document
 * to it. The stored document is thus the latest revision or behind it, never ahead; queries over
 * the collection may see it behind until the next write.
 */
export class ClaimedRevisions<D extends Revised> {
  /**
   * Claims asked while others are being inserted go together in the next insert, and so do the
   * replaces: FerretDB on SQLite has one writer per database, which spends less on one command
   * of many documents than on as many commands.
   */
  private readonly claimInserts: GroupCommit<RevisionClaim<D>>;
  private readonly replaces: GroupWhileBusy<D & { revision: number }, void>;

  constructor(
    private readonly documents: mongo.Collection<D>,
    private readonly claims: mongo.Collection<RevisionClaim<D>>,
    private readonly outbox?: Outbox,
    private readonly options: ClaimedRevisionsOptions = {},
  ) {
    this.claimInserts = new GroupCommit(claims);
    this.replaces = new GroupWhileBusy((written) => this.replaceAll(written), { maxWeight: 256 });
  }

  /** Index the erasure of a document's history relies on. */
  async ensureIndexes(): Promise<void> {
    await this.claims.createIndex({ documentId: 1, revision: 1 });
  }

  /**
   * The latest revision of a document: `known` (a revision read earlier, in memory) or the stored
   * one, then each claimed write that followed it. One read by `_id` when `known` is the latest.
   */
  async read(id: string, known?: D): Promise<D | undefined> {
    let current = known ?? (await this.findDocument(id));
    for (let followed = 0; current !== undefined; followed += 1) {
      if (followed > FOLLOWED_CLAIMS) throw new Error(`révisions de ${id} : trop de réclamations à suivre`);
      const next = await this.claims.findOne({ _id: claimKey(id, revisionOf(current)) } as mongo.Filter<RevisionClaim<D>>);
      if (next === null) return current;
      const document = claimedDocument(next);
      if (document !== undefined) {
        current = document;
        continue;
      }
      // A passed revision whose snapshot was erased: the stored document is already past it.
      const stored = await this.findDocument(id);
      if (stored === undefined || revisionOf(stored) <= revisionOf(current)) throw new Error(`révisions de ${id} : document en retard sur un historique effacé`);
      current = stored;
    }
    return undefined;
  }

  /**
   * Writes `next` as the revision after `current`, unless another write of `current` claimed it
   * first (`lost`: read again and decide again). The replace names the document's older revisions
   * only, so a slow author never takes the stored document back (strictly on MongoDB; on FerretDB
   * at worst until the next write, `read` following the claims meanwhile).
   *
   * The claim carries the `events` the write produced: given (even none), the write is announced
   * to the outbox first, and what follows it is taken from the claim (key `claimKey(id, current
   * revision)`) if its author stops before.
   */
  async write(current: D, next: D, events?: readonly OutboxEntry[]): Promise<ClaimOutcome> {
    const id = current._id;
    const revision = revisionOf(current) + 1;
    const written = { ...next, _id: id, revision } as D;
    const key = claimKey(id, revision - 1);
    if (events !== undefined) {
      if (this.outbox === undefined) throw new Error(`révisions de ${id} : des événements sans boîte d’envoi`);
      await this.outbox.announce(this.claims.collectionName, key);
    }
    const content: ClaimContent<D> = { document: written, ...(events !== undefined && events.length > 0 ? { outbox: [...events] } : {}) };
    const claim: RevisionClaim<D> = { _id: key, documentId: id, revision, ...(this.options.packed ? { packedWrite: packJson(content) } : content) };
    if ((await this.claimInserts.insertOne(claim)) === 'duplicate') return 'lost';
    await this.replaces.run(written as D & { revision: number });
    return 'written';
  }

  /**
   * Each document replaced unless it is already at its revision or past it. Unordered: two
   * revisions of one document in a batch leave the later one, whichever goes first. A batch that
   * fails is retried document by document, so that a failure fails only its own writer.
   */
  private async replaceAll(written: ReadonlyArray<D & { revision: number }>): Promise<Array<Settlement<void>>> {
    const replaceOne = (doc: D & { revision: number }) => {
      const { _id, ...replacement } = doc;
      const older = { _id, $or: [{ revision: { $lt: doc.revision } }, { revision: { $exists: false } }] } as mongo.Filter<D>;
      return { filter: older, replacement: replacement as mongo.WithoutId<D> };
    };
    if (written.length > 1) {
      try {
        await this.documents.bulkWrite(
          written.map((doc) => ({ replaceOne: replaceOne(doc) })),
          { ordered: false },
        );
        return written.map(() => fulfilled(undefined));
      } catch {
        // Every replace may be repeated: the ones already made match nothing the second time.
      }
    }
    return Promise.all(
      written.map(async (doc) => {
        const { filter, replacement } = replaceOne(doc);
        try {
          await this.documents.replaceOne(filter, replacement);
          return fulfilled(undefined);
        } catch (error) {
          return failed<void>(error);
        }
      }),
    );
  }

  /**
   * Drops the snapshots and events of the revisions before `revision` (erasure): the claims stay,
   * as keys; their events not yet published are then never sent, as they carry what is erased.
   */
  async forgetBefore(id: string, revision: number): Promise<void> {
    await this.claims.updateMany({ documentId: id, revision: { $lt: revision } } as mongo.Filter<RevisionClaim<D>>, { $unset: { document: '', outbox: '', packedWrite: '' } } as unknown as mongo.UpdateFilter<RevisionClaim<D>>);
  }

  private async findDocument(id: string): Promise<D | undefined> {
    return ((await this.documents.findOne({ _id: id } as mongo.Filter<D>)) as D | null) ?? undefined;
  }
}
