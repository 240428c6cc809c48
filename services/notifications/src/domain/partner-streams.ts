import { stakeholderStreams, type StreamTerritory, type Territory } from '@guichet/contracts';
import { regionOfDepartement, scopeOf, touches, type TerritoryClaims } from '@guichet/territory';
import type { Stakeholder } from './stakeholders.js';

/** The claims a partner of exactly this stream's territory carries (`region-24` → région 24). */
function claimsOf(stream: string): TerritoryClaims {
  const [level, code = ''] = stream.split(/-(.*)/);
  return level === 'region' ? { regions: [code], departements: [] } : { regions: [], departements: [code] };
}

/**
 * The territorial streams of its family a stakeholder event goes to: those whose partner would
 * receive it as a webhook, by the one territory policy (a case of 37 and 41 goes to both
 * départements' streams and to the région 24 stream). An event without territory cannot be placed,
 * so it goes to none; a territory the contract has no stream for gets none.
 */
export function streamsOf(stakeholder: Stakeholder, territory: Territory | undefined): StreamTerritory[] {
  if (!territory) return [];
  const streams = Object.keys(stakeholderStreams[stakeholder]) as StreamTerritory[];
  return streams.filter((stream) => touches(scopeOf(claimsOf(stream)), territory, regionOfDepartement));
}
