import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { InfoRequest } from '@guichet/contracts';
import { useParams } from 'react-router-dom';
import { caseworkerApi } from '../api/intake.js';
import { matchingApi } from '../api/matching.js';
import { useSession } from '../auth/session-context.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { InfoRequestForm, mayRequestInformation, ReferentForm, StatusForm } from './CaseActions.js';
import { AuditTrailTable, TimeInStatus } from './CaseTimeline.js';
import { CommentsPanel } from './CommentsPanel.js';
import { ProposalsSummary } from './ProposalsSummary.js';
import { RequestSummary } from './RequestSummary.js';

const infoStatus: Record<InfoRequest['status'], string> = { open: 'en attente', answered: 'répondue', expired: 'expirée', cancelled: 'annulée' };

export default function CaseDetailPage() {
  usePageTitle('Dossier');
  const { requestId = '' } = useParams();
  const { intake, matching, principal } = useSession();
  const api = useMemo(() => caseworkerApi(intake), [intake]);
  const proposalsApi = useMemo(() => matchingApi(matching), [matching]);
  const [detail, reloadDetail] = useLoad(() => api.detail(requestId), [api, requestId]);
  const [audit, reloadAudit] = useLoad(() => api.audit(requestId), [api, requestId]);
  const [proposals] = useLoad(() => proposalsApi.proposalsForCase(requestId), [proposalsApi, requestId]);
  const [message, setMessage] = useState<string | null>(null);
  const changed = (text: string) => {
    setMessage(text);
    reloadDetail();
    reloadAudit();
  };

  if (detail.kind === 'loading') return <p role="status">Chargement du dossier…</p>;
  if (detail.kind === 'failed') {
    return (
      <>
        <h1>Dossier</h1>
        <ProblemAlert problem={detail.problem} title="Le dossier n’a pas pu être chargé" />
        <Button onClick={reloadDetail}>Réessayer</Button>
      </>
    );
  }
  const { request, timeInStatus, infoRequests } = detail.data;
  const name = `${request.data.identity?.firstName ?? ''} ${request.data.identity?.lastName ?? ''}`.trim() || `Dossier ${request.id.slice(0, 8)}`;
  const props = { api, request, principal, onChanged: changed };
  // One name per person on every screen: the candidate's, the referent's and the signed-in agent's as the case knows them.
  const people = new Map<string, string>([
    [request.candidateId, name],
    ...(request.referent?.displayName ? ([[request.referent.id, request.referent.displayName]] as const) : []),
    [principal.id, principal.displayName],
  ]);

  return (
    <>
      <Breadcrumb currentPageLabel={name} segments={[{ label: 'File des dossiers', linkProps: { to: '/agent' } }]} />
      <h1>
        {name} <StatusBadge status={request.status} />
      </h1>
      <p>
        Déposé le {formatDate(request.submittedAt)}
        {request.nextStep && (
          <>
            {' '}
            · Prochaine étape : {request.nextStep.description}, avant le {formatDate(request.nextStep.dueDate)}
          </>
        )}
      </p>
      {message && <Alert className="fr-mb-3w" severity="success" small description={message} closable onClose={() => setMessage(null)} />}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <Tabs
            label="Onglets du dossier"
            tabs={[
              {
                label: 'Demande',
                content: (
                  <>
                    <RequestSummary request={request} />
                    {infoRequests.length > 0 && (
                      <section aria-labelledby="infos-titre">
                        <h2 id="infos-titre" className="fr-h5">
                          Demandes d’information
                        </h2>
                        <ul>
                          {infoRequests.map((info) => (
                            <li key={info.id}>
                              {info.question} — {infoStatus[info.status]}, échéance {formatDate(info.dueDate)}
                              {info.answer && <> — réponse : « {info.answer} »</>}
                            </li>
                          ))}
                        </ul>
                      </section>
                    )}
                  </>
                ),
              },
              { label: 'Chronologie', content: <TimeInStatus durations={timeInStatus} /> },
              {
                label: 'Journal d’audit',
                content:
                  audit.kind === 'ok' ? (
                    <AuditTrailTable entries={audit.data.items} nameOf={(id) => people.get(id)} />
                  ) : audit.kind === 'failed' ? (
                    <ProblemAlert problem={audit.problem} />
                  ) : (
                    <p>Chargement…</p>
                  ),
              },
              {
                label: 'Propositions',
                content:
                  proposals.kind === 'ok' ? (
                    <ProposalsSummary proposals={proposals.data} />
                  ) : (
                    <p>{proposals.kind === 'loading' ? 'Chargement…' : 'Pas encore de propositions pour ce dossier.'}</p>
                  ),
              },
            ]}
          />
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <ReferentForm {...props} />
          <StatusForm {...props} />
          {mayRequestInformation(request) && <InfoRequestForm {...props} />}
          <CommentsPanel api={api} requestId={request.id} />
        </div>
      </div>
    </>
  );
}
