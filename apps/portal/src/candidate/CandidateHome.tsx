import { useMemo } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { InstallationRequest } from '@guichet/contracts';
import { Link } from 'react-router-dom';
import { candidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';

const withProposals = new Set(['proposals_ready', 'accepted', 'in_progress', 'installed']);

function actions(request: InstallationRequest) {
  const links = [];
  if (request.status === 'draft' || request.status === 'awaiting_candidate') {
    links.push(
      <Link key="edit" className="fr-link fr-mr-2w" to={`/candidat/demande/${request.id}`}>
        {request.status === 'draft' ? 'Reprendre le brouillon' : 'Compléter'}
      </Link>,
    );
  }
  if (request.status !== 'draft') {
    links.push(
      <Link key="follow" className="fr-link fr-mr-2w" to={`/candidat/demandes/${request.id}/suivi`}>
        Suivre
      </Link>,
    );
  }
  if (withProposals.has(request.status)) {
    links.push(
      <Link key="proposals" className="fr-link" to={`/candidat/demandes/${request.id}/propositions`}>
        Voir les propositions
      </Link>,
    );
  }
  return <>{links}</>;
}

export default function CandidateHome() {
  usePageTitle('Mon espace');
  const { intake, principal } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const [mine, reload] = useLoad(() => api.listMine(), [api]);
  return (
    <>
      <h1>Bonjour {principal.displayName}</h1>
      {mine.kind === 'loading' && <p role="status">Chargement de vos demandes…</p>}
      {mine.kind === 'failed' && (
        <>
          <ProblemAlert problem={mine.problem} title="Vos demandes n’ont pas pu être chargées" />
          <Button onClick={reload}>Réessayer</Button>
        </>
      )}
      {mine.kind === 'ok' && mine.data.items.length === 0 && (
        <CallOut
          titleAs="h2"
          title="Vous n’avez pas encore de demande"
          buttonProps={{ children: 'Commencer ma demande', linkProps: { to: '/candidat/demande' } }}
        >
          Une seule demande suffit : locaux, logement, emploi du conjoint et aides. Votre brouillon est enregistré au fur et à mesure.
        </CallOut>
      )}
      {mine.kind === 'ok' && mine.data.items.length > 0 && (
        <Table
          caption="Mes demandes"
          headers={['Demande', 'Statut', 'Prochaine étape', 'Actions']}
          data={mine.data.items.map((request) => [
            <>
              Commencée le {formatDate(request.createdAt)}
              {request.submittedAt && (
                <>
                  <br />
                  Déposée le {formatDate(request.submittedAt)}
                </>
              )}
            </>,
            <StatusBadge status={request.status} />,
            request.nextStep ? `${request.nextStep.description} (avant le ${formatDate(request.nextStep.dueDate)})` : '—',
            actions(request),
          ])}
        />
      )}
      <p className="fr-mt-4w">
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/simulation">
          Simuler les aides d’une autre commune
        </Link>
      </p>
    </>
  );
}
