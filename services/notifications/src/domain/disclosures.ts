import { enumLabels, stakeholderStreams, type CaseAccessed, type CaseAccesses, type StreamTerritory, type Territory } from '@guichet/contracts';
import { organisationName } from '@guichet/territory';
import { nameBasedUuid } from './ids.js';
import { streamsOf } from './partner-streams.js';
import { stakeholderOfEventType, type SourceEventType, type Stakeholder } from './stakeholders.js';

/** What a stakeholder event tells its partner about the case, as the candidate reads it. */
const WHAT: Record<SourceEventType, string> = {
  'request-submitted': 'Dépôt de votre demande',
  'request-updated': 'Modification de votre demande',
  'request-status-changed': 'Changement de statut de votre dossier',
  'proposals-computed': 'Propositions d’installation calculées',
  'bundle-accepted': 'Propositions que vous avez acceptées',
  'reservation-confirmed': 'Réservation confirmée',
  'reservation-rejected': 'Réservation refusée',
  'request-withdrawn': 'Retrait de votre demande',
  'request-erased': 'Demande d’effacement de votre dossier',
};

const SOURCE = /^fr\.sante\.guichet\.stakeholder\.[a-z]+\.([a-z-]+)\.v1$/;

function whatOf(type: string): string {
  const source = SOURCE.exec(type)?.[1] as SourceEventType | undefined;
  return (source === undefined ? undefined : WHAT[source]) ?? 'Événement du dossier';
}

/** A disclosure as the candidate's access log shows it: its id, and what it says. */
export interface Disclosure {
  id: string;
  data: CaseAccessed;
}

/** The contract's bound on the accesses of one record. */
const MAX_ACCESSES_PER_RECORD = 200;

/** Disclosures of one case made together, as one record of `audit.case-access.v1`. */
export interface DisclosureRecord {
  id: string;
  /** When the latest of them was made. */
  time: string;
  data: CaseAccesses;
}

/**
 * The disclosures of one write, one record per case (several when they exceed the contract's
 * bound), each disclosure under its own id: the same disclosures give the same record id, and a
 * disclosure written again in another record is still logged once.
 */
export function disclosureRecords(disclosures: readonly Disclosure[]): DisclosureRecord[] {
  const byCase = new Map<string, Map<string, Disclosure>>();
  for (const disclosure of disclosures) {
    const ofCase = byCase.get(disclosure.data.requestId) ?? new Map<string, Disclosure>();
    ofCase.set(disclosure.id, disclosure);
    byCase.set(disclosure.data.requestId, ofCase);
  }
  return [...byCase].flatMap(([requestId, ofCase]) => {
    const all = [...ofCase.values()];
    const records: DisclosureRecord[] = [];
    for (let start = 0; start < all.length; start += MAX_ACCESSES_PER_RECORD) {
      const chunk = all.slice(start, start + MAX_ACCESSES_PER_RECORD);
      records.push({
        id: nameBasedUuid('disclosures', ...chunk.map((d) => d.id).sort()),
        time: chunk.map((d) => d.data.at).reduce((latest, at) => (at > latest ? at : latest)),
        data: { requestId, accesses: chunk.map(({ id, data: { requestId: _case, ...access } }) => ({ id, ...access })) },
      });
    }
    return records;
  });
}

/** The stakeholder event, as far as its disclosure needs it. */
export interface DisclosedEvent {
  id: string;
  type: string;
  requestId: string;
  time: string;
  territory?: Territory;
}

const scopeOfStream = (stream: StreamTerritory): { regions: string[]; departements: string[] } => {
  const [level, code = ''] = stream.split(/-(.*)/);
  return level === 'region' ? { regions: [code], departements: [] } : { regions: [], departements: [code] };
};

/**
 * The disclosures of a stakeholder event by Kafka: one per territorial stream it is published
 * on, to the partner that reads that stream. Who reads a stream is fixed by the broker's ACLs, not
 * known here: the partner client of the family when the desk has one (`partnerOf`), the stream
 * itself otherwise. Ids follow from the event's and the stream's, so a write published twice
 * is logged once.
 */
export function streamDisclosures(event: DisclosedEvent, partnerOf: (family: Stakeholder) => string | undefined): Disclosure[] {
  const family = stakeholderOfEventType(event.type);
  if (family === undefined) return [];
  return streamsOf(family, event.territory).map((stream) => {
    const topic = (stakeholderStreams[family] as Partial<Record<StreamTerritory, string>>)[stream] ?? `stakeholder.${family}.${stream}.v1`;
    return {
      id: nameBasedUuid('kafka-disclosure', event.id, stream),
      data: {
        requestId: event.requestId,
        at: event.time,
        actorKind: 'partner',
        actorId: partnerOf(family) ?? topic,
        organisation: organisationName(enumLabels.Stakeholder[family], scopeOfStream(stream), family === 'ars' ? 'region' : 'most-precise'),
        action: 'disclosure',
        channel: 'kafka',
        what: whatOf(event.type),
      },
    };
  });
}

/** The disclosure of a stakeholder event by a webhook delivered to a partner's subscription. */
export function webhookDisclosure(
  delivery: { id: string; eventType: string; requestId: string },
  subscription: { clientId: string; stakeholder: Stakeholder; scope: { regions: readonly string[]; departements: readonly string[] } },
  at: string,
): Disclosure {
  return {
    id: nameBasedUuid('webhook-disclosure', delivery.id),
    data: {
      requestId: delivery.requestId,
      at,
      actorKind: 'partner',
      actorId: subscription.clientId,
      organisation: organisationName(enumLabels.Stakeholder[subscription.stakeholder], subscription.scope, subscription.stakeholder === 'ars' ? 'region' : 'most-precise'),
      action: 'disclosure',
      channel: 'webhook',
      what: whatOf(delivery.eventType),
    },
  };
}
