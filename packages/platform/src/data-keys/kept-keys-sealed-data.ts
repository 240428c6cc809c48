import type { InboundEvent } from '../kafka/cloudevents.js';
import type { DataKeyVault } from './key-vault.js';
import { OpenedKeys } from './opened-keys.js';
import type { SealedData } from './opening-consumer.js';

/** How a producer's events are sealed: its contracts say, the platform keeps the keys. */
export interface EventSealing {
  isSealed(data: unknown): boolean;
  open(data: unknown, keyOf: (keyId: string) => Promise<Uint8Array | undefined>): Promise<{ data: unknown } | undefined>;
  /** The event, in clear, that destroys a case's key: its key is dropped when it is read. */
  readonly erasedType: string;
}

/**
 * Sealed events opened with the case keys this process read lately (`OpenedKeys`): several
 * consumer groups of a process read each event of a case, and a case's events come close
 * together, so each would otherwise read the key vault once per event.
 */
export function sealedDataWithKeptKeys(vault: Pick<DataKeyVault, 'find'>, sealing: EventSealing): SealedData {
  const keys = new OpenedKeys((id) => vault.find(id));
  return {
    isSealed: (data) => sealing.isSealed(data),
    open: (data) => sealing.open(data, (id) => keys.keyOf(id)),
    seen: (event: InboundEvent) => {
      if (event.type === sealing.erasedType && event.key !== null) keys.forget(event.key);
    },
  };
}
