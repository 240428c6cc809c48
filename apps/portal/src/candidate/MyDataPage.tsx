import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import type { CandidateDataExport, ErasureReceipt, Problem } from '@guichet/contracts';
import { candidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { clearLocalCopy, unsavedTyping } from './local-copy.js';

function download(data: CandidateDataExport): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `mes-donnees-guichet-${data.exportedAt.slice(0, 10)}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

export default function MyDataPage() {
  usePageTitle('Mes données');
  const { intake, principal } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const [exported, setExported] = useState<CandidateDataExport | null>(null);
  const [receipt, setReceipt] = useState<ErasureReceipt | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);

  const exportData = async () => {
    setBusy(true);
    const result = await api.exportMyData();
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setExported(result.data);
    download(result.data);
  };
  const erase = async () => {
    setBusy(true);
    const result = await api.eraseMyData();
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    clearLocalCopy(unsavedTyping, principal.id);
    setReceipt(result.data);
  };

  return (
    <>
      <h1>Mes données</h1>
      {problem && <ProblemAlert problem={problem} />}
      <section className="fr-mb-6w">
        <h2>Exporter mes données</h2>
        <p>Un fichier JSON avec vos demandes, les demandes d’information, les propositions et le journal des accès à votre dossier.</p>
        <Button iconId="fr-icon-download-line" disabled={busy} onClick={() => void exportData()}>
          Télécharger mes données
        </Button>
        {exported && (
          <Alert
            className="fr-mt-2w"
            severity="success"
            small
            description={`Export du ${formatDate(exported.exportedAt)} : ${exported.requests.length} demande(s), ${exported.proposals?.length ?? 0} jeu(x) de propositions, ${exported.accessLog?.length ?? 0} accès.`}
          />
        )}
      </section>
      <section>
        <h2>Effacer mes données personnelles</h2>
        <p>
          Votre nom, vos coordonnées et votre numéro RPPS sont retirés de toutes vos demandes, et chaque partenaire qui les a reçus est prévenu qu’il doit les
          oublier. Les statistiques anonymes sont conservées. Cette action est définitive.
        </p>
        {receipt ? (
          <Alert
            severity="success"
            title="Vos données personnelles sont effacées"
            description={`Effacement du ${formatDate(receipt.erasedAt)} sur ${receipt.erasedRequestIds.length} demande(s).`}
          />
        ) : (
          <>
            <Checkbox
              id="effacement"
              options={[
                {
                  label: 'Je comprends que l’effacement est définitif',
                  nativeInputProps: { checked: understood, onChange: (event) => setUnderstood(event.target.checked) },
                },
              ]}
            />
            <Button priority="secondary" iconId="fr-icon-delete-line" disabled={!understood || busy} onClick={() => void erase()}>
              Effacer mes données
            </Button>
          </>
        )}
      </section>
    </>
  );
}
