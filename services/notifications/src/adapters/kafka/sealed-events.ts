import { isSealedEventData, openIfSealed, type EventType } from '@guichet/contracts';
import { OpenedKeys, type DataKeyVault, type SealedData } from '@guichet/platform';

const ERASED: EventType = 'fr.sante.guichet.intake.request-erased.v1';

/**
 * Intake's sealed events, opened with the case keys this process read lately (`OpenedKeys`): the
 * projection and e-mail groups read each event, and a case's events come close together. A case's
 * erasure, read in clear under the key its events were sealed with, drops that key.
 */
export function sealedIntakeEvents(vault: Pick<DataKeyVault, 'find'>): SealedData {
  const keys = new OpenedKeys((id) => vault.find(id));
  return {
    isSealed: isSealedEventData,
    open: (data) => openIfSealed(data, (id) => keys.keyOf(id)),
    seen: (event) => {
      if (event.type === ERASED && event.key !== null) keys.forget(event.key);
    },
  };
}
