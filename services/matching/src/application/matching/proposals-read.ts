import { organisationName } from '@guichet/territory';
import type { Caller } from '../caller.js';
import { outbound } from '../outbound.js';

const WHAT = 'Propositions d’installation du dossier (offres et aides évaluées)';

/** The body a reader of proposals acts for, as the candidate reads it in their access log. */
function readerOf(caller: Caller): { actorKind: 'caseworker-ars' | 'caseworker-cpam' | 'admin'; organisation: string } {
  if (caller.roles.includes('admin')) return { actorKind: 'admin', organisation: 'Administration du guichet' };
  if (caller.roles.includes('caseworker-ars')) return { actorKind: 'caseworker-ars', organisation: organisationName('ARS', caller, 'region') };
  return { actorKind: 'caseworker-cpam', organisation: organisationName('CPAM', caller) };
}

/**
 * The access a caseworker's or an administrator's read of a case's proposals is, for the
 * candidate's access log in intake (`audit.case-access.v1`).
 */
export function proposalsReadEvent(caller: Caller, requestId: string, meta: { id: string; at: string }) {
  return outbound(
    'fr.sante.guichet.audit.case-accesses.v1',
    {
      requestId,
      accesses: [
        {
          id: meta.id,
          at: meta.at,
          actorId: caller.id,
          ...readerOf(caller),
          ...(caller.name === undefined ? {} : { actorName: caller.name }),
          action: 'proposals-read',
          channel: 'http',
          what: WHAT,
        },
      ],
    },
    { id: meta.id, time: meta.at },
  );
}
