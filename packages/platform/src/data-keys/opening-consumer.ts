import type { InboundEvent } from '../kafka/cloudevents.js';
import type { ConsumerOptions, EventValidation } from '../kafka/consumer.js';
import { UnprocessableEvent } from '../kafka/dead-letter.js';

export interface SealedData {
  /** Whether an event's data is sealed with its case's key. */
  isSealed(data: unknown): boolean;
  /** The data to handle (sealed data opened), or undefined when the case's key is destroyed. */
  open(data: unknown): Promise<{ data: unknown } | undefined>;
  /** Told of each event before it is opened: the erasure of a case, in clear, drops its kept key (`OpenedKeys`). */
  seen?(event: InboundEvent): void;
}

/**
 * Consumer options that read sealed events: the contract is checked once an event is opened, and
 * the events of an erased case (its key destroyed) are passed over, as the erasure asks.
 */
export function openingSealedEvents(options: ConsumerOptions, sealed: SealedData): ConsumerOptions {
  const { validate, handle, handleBatch } = options;
  const check = (event: InboundEvent): EventValidation => (validate ? validate(event) : { ok: true });
  const opened = async (event: InboundEvent): Promise<InboundEvent | undefined> => {
    if (!sealed.isSealed(event.data)) return event;
    const open = await sealed.open(event.data);
    if (open === undefined) return undefined;
    const readable = { ...event, data: open.data };
    const checked = check(readable);
    if (!checked.ok) throw new UnprocessableEvent(checked.reasons.join(' ; '));
    return readable;
  };
  const readable = async (events: readonly InboundEvent[]): Promise<InboundEvent[]> => {
    // The batch's events are opened side by side: an erasure among them is seen before any is opened.
    for (const event of events) sealed.seen?.(event);
    return (await Promise.all(events.map(opened))).filter((event): event is InboundEvent => event !== undefined);
  };
  return {
    ...options,
    validate: (event) => (sealed.isSealed(event.data) ? { ok: true } : check(event)),
    handle: async (event) => {
      sealed.seen?.(event);
      const open = await opened(event);
      if (open) await handle(open);
    },
    ...(handleBatch ? { handleBatch: async (events: readonly InboundEvent[]) => handleBatch(await readable(events)) } : {}),
  };
}
