/** What a test reads of a service's answer. */
export interface Reply {
  status: number;
  etag: string | null;
  body: Record<string, unknown>;
}

/**
 * One call to a service's public API, as a client would make it: bearer token, JSON body,
 * extra headers. A service that never answers fails the test after a minute instead of stalling it.
 */
export async function call(base: string, method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
