import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '@guichet/contracts';
import type { ApiResult } from '../api/http.js';

export type Loaded<T> = { kind: 'loading' } | { kind: 'ok'; data: T; etag: string | null } | { kind: 'failed'; status: number; problem: Problem };

/** Loads once per key; `reload` asks again (after an action changed the data). */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, key: readonly unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      setState(result.ok ? { kind: 'ok', data: result.data, etag: result.etag } : { kind: 'failed', status: result.status, problem: result.problem });
    });
    return () => {
      live = false;
    };
    // The caller's key says when to load again; `load` is a new closure on every render.
  }, [...key, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return [state, reload];
}
