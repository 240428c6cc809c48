import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { fieldErrorsFromValidationErrors, validateProposalsDecline } from '@guichet/contracts';
import type { BundleDigest, InstallationRequest, Problem, ProposalDigest } from '@guichet/contracts';
import { useParams } from 'react-router-dom';
import { candidateApi } from '../api/intake.js';
import type { CandidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { BundleCard } from './BundleCard.js';

interface View {
  request: InstallationRequest;
  proposals: ProposalDigest | null;
}

async function load(api: CandidateApi, id: string) {
  const [request, proposals] = await Promise.all([api.get(id), api.proposals(id)]);
  if (!request.ok) return request;
  if (!proposals.ok && proposals.status !== 404) return proposals;
  return { ok: true as const, status: 200, etag: request.etag, data: { request: request.data, proposals: proposals.ok ? proposals.data : null } };
}

export default function ProposalsPage() {
  usePageTitle('Mes propositions');
  const { requestId = '' } = useParams();
  const { intake, matching } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const [view, reload] = useLoad<View>(() => load(api, requestId), [api, requestId]);
  const [confirming, setConfirming] = useState<BundleDigest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [decidedHere, setDecidedHere] = useState(false);

  if (view.kind === 'loading') return <p role="status">Chargement des propositions…</p>;
  if (view.kind === 'failed') return <ProblemAlert problem={view.problem} title="Les propositions n’ont pas pu être chargées" />;
  const { request, proposals } = view.data;
  const decided = decidedHere || request.status !== 'proposals_ready';
  const nothingToChoose = proposals !== null && proposals.bundles.length === 0;

  const accept = async (bundle: BundleDigest) => {
    if (!proposals) return;
    const result = await api.accept(request.id, request.version, proposals.proposalSetId, bundle.id);
    setConfirming(null);
    if (!result.ok) return setProblem(result.problem);
    setDecidedHere(true);
    setDone(`Vous avez choisi la proposition n° ${bundle.rank}. Le guichet réserve les offres et vous confirme la réservation.`);
    reload();
  };
  const decline = async () => {
    if (!proposals) return;
    const body = { proposalSetId: proposals.proposalSetId, reason };
    const checked = validateProposalsDecline(body);
    if (!checked.ok || reason.trim() === '') {
      setReasonError(checked.ok ? 'champ obligatoire' : fieldErrorsFromValidationErrors(checked.errors)[0]?.detail);
      return;
    }
    const result = await api.decline(request.id, request.version, proposals.proposalSetId, reason);
    if (!result.ok) return setProblem(result.problem);
    setDecidedHere(true);
    setDone('Vous avez refusé ces propositions. Le guichet en recherche d’autres en tenant compte de votre raison.');
    reload();
  };

  return (
    <>
      <h1>Mes propositions</h1>
      {done && <Alert className="fr-mb-3w" severity="success" title="C’est noté" description={done} />}
      {problem && <ProblemAlert problem={problem} title="Votre choix n’a pas été enregistré" />}
      {!proposals && <p>Aucune proposition pour le moment : le guichet vous préviendra dès qu’il en aura.</p>}
      {proposals && (
        <>
          {nothingToChoose ? (
            <p>
              Aucune proposition pour le moment{proposals.noBundleReason ? ` : ${proposals.noBundleReason.replace(/\.?$/, '.')}` : '.'} Le guichet continue de chercher et vous préviendra
              dès qu’une offre correspondra à votre demande.
            </p>
          ) : (
            <p>Calculées le {formatDate(proposals.computedAt)}.</p>
          )}
          {proposals.changes && proposals.changes.length > 0 && (
            <Alert className="fr-mb-3w" severity="info" small description={`Ce qui a changé : ${proposals.changes.join(' ; ')}`} />
          )}
          {proposals.bundles.map((bundle) => (
            <BundleCard
              key={bundle.id}
              bundle={bundle}
              matching={matching}
              actions={
                !decided &&
                (confirming?.id === bundle.id ? (
                  <div className="fr-mt-2w" role="group" aria-label={`Confirmer la proposition n° ${bundle.rank}`}>
                    <p>Confirmez-vous le choix de la proposition n° {bundle.rank} ? Les offres vous seront réservées.</p>
                    <ul className="guichet-actions">
                      <li>
                        <Button onClick={() => void accept(bundle)}>Confirmer mon choix</Button>
                      </li>
                      <li>
                        <Button priority="secondary" onClick={() => setConfirming(null)}>
                          Annuler
                        </Button>
                      </li>
                    </ul>
                  </div>
                ) : (
                  <Button className="fr-mt-2w" iconId="fr-icon-check-line" onClick={() => setConfirming(bundle)}>
                    Choisir la proposition n° {bundle.rank}
                  </Button>
                ))
              }
            />
          ))}
          {!decided && !nothingToChoose && (
            <section aria-labelledby="refus-titre" className="fr-mt-4w">
              <h2 id="refus-titre" className="fr-h4">
                Aucune ne me convient
              </h2>
              <Input
                label="Pourquoi ? (obligatoire)"
                hintText="Votre raison aide le guichet à mieux chercher."
                textArea
                state={reasonError ? 'error' : 'default'}
                stateRelatedMessage={reasonError}
                nativeTextAreaProps={{ id: 'refus-raison', value: reason, onChange: (event) => (setReason(event.target.value), setReasonError(undefined)) }}
              />
              <Button priority="secondary" onClick={() => void decline()}>
                Refuser toutes les propositions
              </Button>
            </section>
          )}
        </>
      )}
    </>
  );
}
