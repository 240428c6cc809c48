import { createContext, useContext } from 'react';
import type { HttpClient } from '../api/http.js';
import type { Area } from './areas.js';
import type { Principal } from './claims.js';

export interface Session {
  area: Area;
  principal: Principal;
  intake: HttpClient;
  matching: HttpClient;
  /** True once the session is known to be over (renewal failed, or a service answered 401). */
  expired: boolean;
  reconnect: () => void;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside of a signed-in area');
  return session;
}
