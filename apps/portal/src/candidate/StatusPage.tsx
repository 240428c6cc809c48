import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AccessLog, InfoRequest, InstallationRequest, Problem, ProposalDigest } from '@guichet/contracts';
import { Link, useLocation, useParams } from 'react-router-dom';
import { candidateApi } from '../api/intake.js';
import type { CandidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { historyOf } from './history.js';
import { InfoRequestAnswer } from './InfoRequestAnswer.js';

interface CaseView {
  request: InstallationRequest;
  infoRequests: InfoRequest[];
  accessLog: AccessLog;
  proposals: ProposalDigest | null;
}

async function loadCase(api: CandidateApi, id: string) {
  const [request, infoRequests, accessLog, proposals] = await Promise.all([api.get(id), api.infoRequests(id), api.accessLog(id), api.proposals(id)]);
  if (!request.ok) return request;
  return {
    ok: true as const,
    status: 200,
    etag: request.etag,
    data: {
      request: request.data,
      infoRequests: infoRequests.ok ? infoRequests.data : [],
      accessLog: accessLog.ok ? accessLog.data : { items: [] },
      proposals: proposals.ok ? proposals.data : null,
    },
  };
}

const finished = new Set(['withdrawn', 'closed', 'installed']);
const withProposals = new Set(['proposals_ready', 'accepted', 'in_progress', 'installed']);

function Withdraw({ api, request, onDone }: { api: CandidateApi; request: InstallationRequest; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  if (!open) {
    return (
      <Button priority="tertiary" iconId="fr-icon-close-circle-line" onClick={() => setOpen(true)}>
        Retirer ma demande
      </Button>
    );
  }
  return (
    <section aria-labelledby="retrait-titre" className="fr-p-3w fr-background-alt--grey">
      <h2 id="retrait-titre" className="fr-h5">
        Retirer ma demande
      </h2>
      {problem && <ProblemAlert problem={problem} />}
      <Input
        label="Raison (facultatif)"
        textArea
        nativeTextAreaProps={{ id: 'retrait-raison', value: reason, onChange: (event) => setReason(event.target.value) }}
      />
      <ul className="guichet-actions">
        <li>
          <Button
            onClick={async () => {
              const result = await api.withdraw(request.id, request.version, reason.trim());
              if (result.ok) onDone();
              else setProblem(result.problem);
            }}
          >
            Confirmer le retrait
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={() => setOpen(false)}>
            Annuler
          </Button>
        </li>
      </ul>
    </section>
  );
}

export default function StatusPage() {
  usePageTitle('Suivi de ma demande');
  const { requestId = '' } = useParams();
  const location = useLocation();
  const justSubmitted = (location.state as { submitted?: boolean } | null)?.submitted === true;
  const { intake } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const [view, reload] = useLoad<CaseView>(() => loadCase(api, requestId), [api, requestId]);

  return (
    <>
      <h1>Suivi de ma demande</h1>
      {justSubmitted && (
        <Alert
          className="fr-mb-3w"
          severity="success"
          title="Votre demande est déposée"
          description="Le guichet l’instruit ; vous serez prévenu à chaque étape."
        />
      )}
      {view.kind === 'loading' && <p role="status">Chargement…</p>}
      {view.kind === 'failed' && (
        <>
          <ProblemAlert problem={view.problem} title="Le suivi n’a pas pu être chargé" />
          <Button onClick={reload}>Réessayer</Button>
        </>
      )}
      {view.kind === 'ok' && <CaseStatusView api={api} view={view.data} reload={reload} />}
    </>
  );
}

function CaseStatusView({ api, view, reload }: { api: CandidateApi; view: CaseView; reload: () => void }) {
  const { request, infoRequests, accessLog, proposals } = view;
  // The desk moves a case to « propositions disponibles » even when the search found nothing to propose.
  const nothingProposed = request.status === 'proposals_ready' && proposals !== null && proposals.bundles.length === 0;
  const open = infoRequests.filter((info) => info.status === 'open');
  const history = historyOf(request, infoRequests, accessLog.items);
  return (
    <>
      <div className="fr-card fr-mb-4w">
        <div className="fr-card__body">
          <div className="fr-card__content">
            <h2 className="fr-card__title">
              Statut :{' '}
              {nothingProposed ? (
                <Badge as="span" severity="info" small>
                  Aucune proposition pour le moment
                </Badge>
              ) : (
                <StatusBadge status={request.status} />
              )}
            </h2>
            <div className="fr-card__desc">
              <p className="fr-mb-1w">Déposée le {formatDate(request.submittedAt)}</p>
              {request.referent && <p className="fr-mb-1w">Votre référent : {request.referent.displayName ?? request.referent.id}</p>}
              {nothingProposed && (
                <p className="fr-mb-0">
                  Aucune offre ne correspond encore à votre demande{proposals?.noBundleReason ? ` : ${proposals.noBundleReason.replace(/\.?$/, '.')}` : '.'} Le guichet continue de
                  chercher et vous préviendra dès qu’une proposition sera prête ; vous n’avez rien à faire.
                </p>
              )}
              {request.nextStep && !nothingProposed && (
                <p className="fr-mb-0">
                  Prochaine étape : {request.nextStep.description} — {request.nextStep.waitingOn === 'candidate' ? 'à vous de jouer' : 'le guichet s’en charge'}
                  , avant le {formatDate(request.nextStep.dueDate)}
                </p>
              )}
            </div>
          </div>
        </div>
      </div>
      {withProposals.has(request.status) && !nothingProposed && (
        <p>
          <Link className="fr-btn" to={`/candidat/demandes/${request.id}/propositions`}>
            Voir mes propositions
          </Link>
        </p>
      )}
      {open.length > 0 && (
        <section className="fr-mb-4w">
          <h2>Informations demandées par le guichet</h2>
          {request.status === 'awaiting_candidate' && (
            <p>
              Vous pouvez aussi <Link to={`/candidat/demande/${request.id}`}>compléter votre demande</Link> avant de répondre.
            </p>
          )}
          {open.map((info) => (
            <InfoRequestAnswer key={info.id} api={api} requestId={request.id} info={info} onAnswered={reload} />
          ))}
        </section>
      )}
      <section className="fr-mb-4w">
        <h2>Historique</h2>
        <ol className="guichet-timeline">
          {history.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <p className="fr-text--sm fr-mb-0 fr-text-mention--grey">{formatDate(entry.at)}</p>
              <p className="fr-mb-0">{entry.text}</p>
            </li>
          ))}
        </ol>
      </section>
      {!finished.has(request.status) && <Withdraw api={api} request={request} onDone={reload} />}
    </>
  );
}
