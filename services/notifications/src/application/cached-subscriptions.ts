import type { SigningSecret } from '../domain/signing-secrets.js';
import type { Stakeholder } from '../domain/stakeholders.js';
import type { SecretsReplacement, Subscription, SubscriptionStore } from './ports.js';

/**
 * Subscriptions are read for every stakeholder event and every delivery pass but change rarely:
 * reads are served from memory for `ttlMs`, every family's from one read of them all, and this
 * process's own changes clear the cache at once (another instance's changes are seen within
 * `ttlMs`).
 */
export class CachedSubscriptionStore implements SubscriptionStore {
  private everyone: { at: number; value: Promise<Subscription[]> } | undefined;
  private byId = new Map<string, { at: number; value: Subscription | undefined }>();

  constructor(
    private readonly store: SubscriptionStore,
    private readonly ttlMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private fresh<T>(entry: { at: number; value: T } | undefined): entry is { at: number; value: T } {
    return entry !== undefined && this.now() - entry.at < this.ttlMs;
  }

  private forget(): void {
    this.everyone = undefined;
    this.byId = new Map();
  }

  async forStakeholder(stakeholder: Stakeholder): Promise<Subscription[]> {
    return (await this.all()).filter((subscription) => subscription.stakeholder === stakeholder);
  }

  /** Callers asking while the subscriptions are being read share that read. */
  all(): Promise<Subscription[]> {
    if (this.fresh(this.everyone)) return this.everyone.value;
    const entry = { at: this.now(), value: this.store.all() };
    this.everyone = entry;
    entry.value.catch(() => {
      if (this.everyone === entry) this.everyone = undefined;
    });
    return entry.value;
  }

  async get(id: string): Promise<Subscription | undefined> {
    const cached = this.byId.get(id);
    if (this.fresh(cached)) return cached.value;
    const value = await this.store.get(id);
    this.byId.set(id, { at: this.now(), value });
    return value;
  }

  listByClient(clientId: string): Promise<Subscription[]> {
    return this.store.listByClient(clientId);
  }

  async insert(subscription: Subscription): Promise<'inserted' | 'exists'> {
    this.forget();
    const outcome = await this.store.insert(subscription);
    this.forget();
    return outcome;
  }

  async setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined> {
    this.forget();
    const updated = await this.store.setStatus(id, status, at);
    this.forget();
    return updated;
  }

  async replaceSecrets(id: string, currentSecret: string, secrets: readonly SigningSecret[], at: Date): Promise<SecretsReplacement> {
    this.forget();
    const outcome = await this.store.replaceSecrets(id, currentSecret, secrets, at);
    this.forget();
    return outcome;
  }

  async delete(id: string): Promise<void> {
    this.forget();
    await this.store.delete(id);
    this.forget();
  }
}
