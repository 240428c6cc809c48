import type { Logger } from '@guichet/platform';
import type { PartnerClients } from '../../application/ports.js';

export interface PartnerClientStatesOptions {
  keycloakUrl: string;
  realm: string;
  /** This service's own client, whose service account holds `realm-management` › `view-clients`. */
  clientId: string;
  clientSecret: string;
  /** The partner clients to follow (those of the partner directory). */
  partners: readonly string[];
  logger: Logger;
}

/**
 * Which partner clients are enabled in Keycloak, read from its admin API at each `refresh` and
 * held in memory for the delivery loop. A client disabled (or deleted) by an administrator stops
 * its deliveries at the next refresh. A client never read yet counts as disabled (nothing leaves
 * before the directory has answered once); when Keycloak cannot be reached, the last known state
 * stays, so an outage of the identity provider neither stops nor opens deliveries.
 */
export class PartnerClientStates implements PartnerClients {
  private readonly enabled = new Map<string, boolean>();
  private readonly base: string;

  constructor(private readonly options: PartnerClientStatesOptions) {
    this.base = options.keycloakUrl.replace(/\/+$/, '');
  }

  isEnabled(clientId: string): boolean {
    return this.enabled.get(clientId) === true;
  }

  private async token(): Promise<string> {
    const { realm, clientId, clientSecret } = this.options;
    const response = await fetch(`${this.base}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') throw new Error(`jeton du client ${clientId} refusé par Keycloak (${response.status})`);
    return body.access_token;
  }

  private async stateOf(token: string, clientId: string): Promise<boolean> {
    const url = `${this.base}/admin/realms/${encodeURIComponent(this.options.realm)}/clients?clientId=${encodeURIComponent(clientId)}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`état du client ${clientId} illisible (${response.status})`);
    const clients = (await response.json()) as Array<{ clientId?: unknown; enabled?: unknown }>;
    return clients.some((client) => client.clientId === clientId && client.enabled === true);
  }

  /** Reads every partner client's state. */
  async refresh(): Promise<void> {
    try {
      const token = await this.token();
      for (const clientId of this.options.partners) {
        const enabled = await this.stateOf(token, clientId);
        if (this.enabled.get(clientId) !== enabled) this.options.logger.info({ clientId, enabled }, enabled ? 'client partenaire actif : livraisons permises' : 'client partenaire désactivé : livraisons suspendues');
        this.enabled.set(clientId, enabled);
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'état des clients partenaires illisible : le dernier état connu reste appliqué');
    }
  }
}
