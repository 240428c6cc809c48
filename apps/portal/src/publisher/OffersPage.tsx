import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { Offer, OfferKind, OfferStatus, Problem } from '@guichet/contracts';
import { Link } from 'react-router-dom';
import { matchingApi } from '../api/matching.js';
import type { MatchingApi } from '../api/matching.js';
import { useSession } from '../auth/session-context.js';
import { useCommunes } from '../territory/communes.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { kindLabels, offerStatusLabels } from './offer-labels.js';

const statusSeverity: Record<OfferStatus, 'success' | 'info' | 'error'> = {
  available: 'success',
  reserved: 'info',
  withdrawn: 'error',
};

/** Reservations in progress; an offer published before `reservations` existed shows only `reservedFor`. */
function heldReservations(offer: Offer): number {
  return offer.reservations?.length ?? (offer.reservedFor ? 1 : 0);
}

function WithdrawButton({ api, offer, onDone }: { api: MatchingApi; offer: Offer; onDone: (message: string | Problem) => void }) {
  const [confirming, setConfirming] = useState(false);
  if (offer.status !== 'available') return <>—</>;
  // The service refuses to withdraw an offer still reserved by a candidate, even when beds remain free.
  const held = heldReservations(offer);
  if (held > 0) {
    return (
      <p className="fr-text--sm fr-mb-0">
        Retrait impossible : {held === 1 ? 'une réservation est en cours' : `${held} réservations sont en cours`}. Contactez le guichet pour{' '}
        {held === 1 ? 'la' : 'les'} lever avant de retirer l’offre.
      </p>
    );
  }
  if (!confirming) {
    return (
      <Button size="small" priority="secondary" onClick={() => setConfirming(true)}>
        Retirer<span className="fr-sr-only"> « {offer.details.title} »</span>
      </Button>
    );
  }
  return (
    <span role="group" aria-label={`Confirmer le retrait de « ${offer.details.title} »`}>
      <Button
        size="small"
        onClick={async () => {
          const result = await api.withdraw(offer.id, offer.version);
          onDone(result.ok ? `« ${offer.details.title} » est retirée.` : result.problem);
        }}
      >
        Confirmer le retrait
      </Button>{' '}
      <Button size="small" priority="tertiary" onClick={() => setConfirming(false)}>
        Annuler
      </Button>
    </span>
  );
}

const PAGE_SIZE = 50;

export default function OffersPage() {
  usePageTitle('Mes offres');
  const { matching } = useSession();
  const api = useMemo(() => matchingApi(matching), [matching]);
  const reference = useCommunes();
  const [kind, setKind] = useState<OfferKind | ''>('');
  // The cursors of the pages read so far: the last one is the page shown, dropping it goes back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const [offers, reload] = useLoad(
    () =>
      api.offers({
        mine: true,
        limit: PAGE_SIZE,
        ...(kind ? { kind } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    [api, kind, cursor],
  );
  const total = offers.kind === 'ok' ? (offers.data.total ?? offers.data.items.length) : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const [outcome, setOutcome] = useState<string | Problem | null>(null);
  const done = (result: string | Problem) => {
    setOutcome(result);
    reload();
  };

  return (
    <>
      <h1>Mes offres</h1>
      <ul className="guichet-actions">
        <li>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/offres/publier">
            Publier une offre
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary fr-icon-upload-line fr-btn--icon-left" to="/offres/import">
            Importer un fichier CSV
          </Link>
        </li>
      </ul>
      {typeof outcome === 'string' && <Alert className="fr-mb-3w" severity="success" small description={outcome} />}
      {outcome && typeof outcome !== 'string' && <ProblemAlert problem={outcome} title="Le retrait a échoué" />}
      <Select
        label="Nature"
        nativeSelectProps={{
          id: 'filtre-nature',
          value: kind,
          onChange: (event) => {
            setKind(event.target.value as OfferKind | '');
            setCursors([]);
          },
        }}
      >
        <option value="">Toutes</option>
        {(Object.keys(kindLabels) as OfferKind[]).map((value) => (
          <option key={value} value={value}>
            {kindLabels[value]}
          </option>
        ))}
      </Select>
      {offers.kind === 'loading' && <p role="status">Chargement des offres…</p>}
      {offers.kind === 'failed' && (
        <>
          <ProblemAlert problem={offers.problem} title="Les offres n’ont pas pu être chargées" />
          <Button onClick={reload}>Réessayer</Button>
        </>
      )}
      {offers.kind === 'ok' && offers.data.items.length === 0 && <p>Vous n’avez publié aucune offre.</p>}
      {offers.kind === 'ok' && offers.data.items.length > 0 && (
        <Table
          caption={`${total.toLocaleString('fr-FR')} offre${total > 1 ? 's' : ''}${pages > 1 ? ` — page ${cursors.length + 1} sur ${pages}` : ''}`}
          headers={['Nature', 'Titre', 'Commune', 'Statut', 'Publiée le', 'Action']}
          data={offers.data.items.map((offer) => [
            kindLabels[offer.kind],
            offer.details.title,
            reference?.label(offer.details.communeCode) ?? offer.details.communeCode,
            <Badge as="span" small severity={statusSeverity[offer.status]}>
              {offerStatusLabels[offer.status]}
            </Badge>,
            formatDate(offer.publishedAt),
            <WithdrawButton api={api} offer={offer} onDone={done} />,
          ])}
        />
      )}
      {offers.kind === 'ok' && (cursors.length > 0 || offers.data.page.nextCursor) && (
        <nav className="guichet-actions" aria-label="Pages des offres">
          {cursors.length > 0 && (
            <Button priority="secondary" iconId="fr-icon-arrow-left-line" onClick={() => setCursors(cursors.slice(0, -1))}>
              Page précédente
            </Button>
          )}
          {offers.data.page.nextCursor && (
            <Button
              priority="secondary"
              iconId="fr-icon-arrow-right-line"
              iconPosition="right"
              onClick={() => setCursors([...cursors, offers.data.page.nextCursor!])}
            >
              Page suivante
            </Button>
          )}
        </nav>
      )}
    </>
  );
}
