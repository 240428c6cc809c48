import http from 'node:http';
import https from 'node:https';
import type { WebhookRequest, WebhookSender } from '../../application/ports.js';
import type { UrlGuard } from '../../domain/url-guard.js';
import { BlockedTarget, checkLiteralHost, guardedLookup } from './guarded-target.js';

const USER_AGENT = 'GuichetInstallationSante-Webhooks/1.0';

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connexion refusée',
  ECONNRESET: 'connexion interrompue par le destinataire',
  ENOTFOUND: 'nom d’hôte introuvable',
  EAI_AGAIN: 'nom d’hôte momentanément introuvable',
  EHOSTUNREACH: 'hôte injoignable',
  ENETUNREACH: 'réseau injoignable',
  CERT_HAS_EXPIRED: 'certificat TLS expiré',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificat TLS auto-signé refusé',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificat TLS ne correspondant pas au nom d’hôte',
};

function describe(error: unknown): string {
  if (error instanceof BlockedTarget) return error.reason;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return NETWORK_ERRORS[code] ?? `erreur réseau (${code})`;
  return 'erreur réseau';
}

/**
 * Posts signed webhooks over kept-alive connections. Redirections are not followed (a 3xx is a
 * failed attempt) and every connection goes through the URL guard, at the time it is opened.
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 128 });

  constructor(
    private readonly guard: UrlGuard,
    private readonly timeoutMs: number,
  ) {}

  send({ url, body, headers }: WebhookRequest): Promise<{ statusCode?: number; error?: string; durationMs: number }> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const shape = this.guard.checkUrl(url);
    if (!shape.ok) return Promise.resolve({ error: shape.reason, durationMs: 0 });
    const target = shape.value;
    const literal = checkLiteralHost(this.guard, target);
    if (literal && !literal.ok) return Promise.resolve({ error: literal.reason, durationMs: 0 });
    const secure = target.protocol === 'https:';
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: { statusCode?: number; error?: string }) => {
        if (settled) return;
        settled = true;
        resolve({ ...outcome, durationMs: elapsed() });
      };
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          lookup: guardedLookup(this.guard, target),
          headers: { ...headers, 'content-length': Buffer.byteLength(body), 'user-agent': USER_AGENT },
          timeout: this.timeoutMs,
        },
        (response) => {
          response.resume();
          response.on('end', () => settle({ statusCode: response.statusCode ?? 0 }));
          response.on('error', (error) => settle({ error: describe(error) }));
        },
      );
      request.on('timeout', () => {
        request.destroy();
        settle({ error: `délai de réponse dépassé (${Math.round(this.timeoutMs / 1000)} s)` });
      });
      request.on('error', (error) => settle({ error: describe(error) }));
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
