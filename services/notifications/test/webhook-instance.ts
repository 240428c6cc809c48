import type { Clock, MongoHandle } from '@guichet/platform';
import type { SecretBox } from '../src/adapters/crypto/secret-box.js';
import { database } from '../src/adapters/mongo/collections.js';
import { MongoDeadLetterStore } from '../src/adapters/mongo/dead-letter-store.js';
import { MongoDeliveryStore } from '../src/adapters/mongo/delivery-store.js';
import { MongoEventLog } from '../src/adapters/mongo/event-log.js';
import { MongoSubscriptionStore } from '../src/adapters/mongo/subscription-store.js';
import { HttpWebhookSender } from '../src/adapters/webhook/http-sender.js';
import { WebhookScheduler } from '../src/application/webhook-scheduler.js';
import { UrlGuard } from '../src/domain/url-guard.js';
import { quietLogger } from './harness.js';

/**
 * One instance's webhook side on a database shared with others: its own connection, stores and
 * scheduler memory, as a second notifications process would have, delivering to loopback.
 */
export function webhookInstance(handle: MongoHandle, { clock, box, leaseMs }: { clock: Clock; box: SecretBox; leaseMs: number }) {
  const db = database(handle);
  const deliveries = new MongoDeliveryStore(db.collection('deliveries'), db.collection('delivery_attempts'), db.collection('delivery_queue'), db.collection('delivery_claims'), { leaseMs });
  const events = new MongoEventLog(db.collection('stakeholder_events'));
  const subscriptions = new MongoSubscriptionStore(db.collection('subscriptions'), box, db.collection('subscription_claims'));
  const scheduler = new WebhookScheduler({
    deliveries,
    events,
    deadLetters: new MongoDeadLetterStore(db.collection('dead_letters')),
    subscriptions,
    sender: new HttpWebhookSender(new UrlGuard({ allowLoopback: true, allowedCidrs: [] }), 10_000),
    partners: { isEnabled: () => true },
    clock,
    signingClock: { now: () => new Date() },
    logger: quietLogger(),
  });
  return { deliveries, events, subscriptions, scheduler };
}
