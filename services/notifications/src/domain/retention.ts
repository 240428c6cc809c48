const DAY_MS = 86_400_000;

/** How long notifications keeps what it sent partners: the event log (webhooks and replays) and the delivery log. */
export interface PartnerRetention {
  partnerEventsDays: number;
  deliveryLogDays: number;
}

/** The oldest instant still kept, `days` before `now`. */
export const horizonOf = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** Where a replay asked from `from` starts: nothing older than the retention horizon is kept, so it is never replayed. */
export function replayStart(from: Date, now: Date, retention: Pick<PartnerRetention, 'partnerEventsDays'>): Date {
  const horizon = horizonOf(now, retention.partnerEventsDays);
  return from.getTime() < horizon.getTime() ? horizon : from;
}
