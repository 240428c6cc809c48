import type { Problem } from '@guichet/contracts';

export type ApiResult<T> = { ok: true; status: number; data: T; etag: string | null } | { ok: false; status: number; problem: Problem };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Sent as is with this content type (CSV import); otherwise `body` is JSON. */
  rawBody?: { text: string; contentType: string };
  ifMatch?: number;
  idempotencyKey?: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  /** The body as text, not parsed (a CSV download). */
  text?: boolean;
}

export type TokenSource = () => string | undefined;

/** Called when a service answers 401: the session is over, whatever the client believed. */
export type OnUnauthorized = () => void;

const unreachable: Problem = {
  type: 'about:blank',
  title: 'Service injoignable',
  status: 0,
  detail: 'Le service ne répond pas pour le moment.',
};

export function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

function fallbackProblem(status: number, text: string): Problem {
  return {
    type: 'about:blank',
    title: status >= 500 ? 'Erreur du service' : 'Requête refusée',
    status,
    detail: text.trim() ? `Le service a répondu ${status}.` : `Le service a répondu ${status} sans explication.`,
  };
}

export function createHttpClient(base: string, token: TokenSource, onUnauthorized: OnUnauthorized = () => {}) {
  return async function call<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.rawBody) {
      headers['Content-Type'] = options.rawBody.contentType;
      body = options.rawBody.text;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(`${base}${path}${queryString(options.query)}`, { method: options.method ?? 'GET', headers, body });
    } catch {
      return { ok: false, status: 0, problem: unreachable };
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok) {
      const etag = response.headers.get('ETag');
      return { ok: true, status: response.status, data: (options.text ? text : parsed) as T, etag };
    }
    if (response.status === 401) onUnauthorized();
    // A proxy in front of a stopped service answers 502-504, or 500 with an empty body.
    if (response.status === 502 || response.status === 503 || response.status === 504 || (response.status === 500 && !text)) {
      return { ok: false, status: response.status, problem: { ...unreachable, status: response.status } };
    }
    return { ok: false, status: response.status, problem: isProblem(parsed) ? parsed : fallbackProblem(response.status, text) };
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
