import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import type { ImportReport, OfferKind, Problem } from '@guichet/contracts';
import { matchingApi } from '../api/matching.js';
import { useSession } from '../auth/session-context.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { csvTemplates } from './csv-templates.js';
import { kindLabels } from './offer-labels.js';

function ReportTable({ report }: { report: ImportReport }) {
  return (
    <>
      <Alert
        className="fr-mb-3w"
        severity={report.rejectedCount === 0 ? 'success' : report.acceptedCount === 0 ? 'error' : 'warning'}
        title={`${report.acceptedCount} ligne${report.acceptedCount > 1 ? 's' : ''} publiée${report.acceptedCount > 1 ? 's' : ''}, ${report.rejectedCount} refusée${report.rejectedCount > 1 ? 's' : ''}`}
        description="Une ligne refusée n’empêche pas les autres ; corrigez-la et importez-la de nouveau."
      />
      <Table
        caption="Résultat ligne par ligne"
        headers={['Ligne', 'Résultat', 'Détail']}
        data={report.rows.map((row) => [
          String(row.row),
          row.status === 'accepted' ? 'Publiée' : 'Refusée',
          row.status === 'accepted' ? `Offre ${row.id?.slice(0, 8) ?? ''}` : (row.errors ?? []).map((error) => `${error.field} : ${error.detail}`).join(' ; '),
        ])}
      />
    </>
  );
}

export default function CsvImportPage() {
  usePageTitle('Importer des offres');
  const { matching } = useSession();
  const api = useMemo(() => matchingApi(matching), [matching]);
  const [kind, setKind] = useState<OfferKind>('premises');
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(csvTemplates[kind])}`;

  const send = async () => {
    setProblem(null);
    setReport(null);
    if (!csv.trim()) {
      setProblem({ type: 'about:blank', title: 'Fichier vide', status: 400, detail: 'Choisissez un fichier CSV ou collez son contenu.' });
      return;
    }
    setSending(true);
    const result = await api.importCsv(kind, csv);
    setSending(false);
    if (result.ok) setReport(result.data);
    else setProblem(result.problem);
  };

  return (
    <>
      <h1>Importer des offres depuis un fichier CSV</h1>
      <RadioButtons
        id="nature-import"
        legend="Nature des offres du fichier"
        name="nature-import"
        orientation="horizontal"
        options={(Object.keys(kindLabels) as OfferKind[]).map((value) => ({
          label: kindLabels[value],
          nativeInputProps: { checked: kind === value, onChange: () => setKind(value) },
        }))}
      />
      <p>
        Première ligne : les noms des colonnes. Montants en centimes, dates au format AAAA-MM-JJ, listes séparées par « ; ».{' '}
        <a className="fr-link" href={template} download={`modele-${kind}.csv`}>
          Télécharger un modèle ({kindLabels[kind].toLowerCase()})
        </a>
      </p>
      <Upload
        label="Fichier CSV"
        hint="Encodage UTF-8, séparateur virgule"
        nativeInputProps={{
          id: 'import-fichier',
          accept: '.csv,text/csv',
          onChange: (event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then(setCsv);
          },
        }}
      />
      <Input
        className="fr-mt-3w"
        label="Contenu du fichier"
        hintText="Vous pouvez aussi coller ici le contenu du fichier, ou le corriger avant l’envoi."
        textArea
        nativeTextAreaProps={{ id: 'import-contenu', value: csv, rows: 8, onChange: (event) => setCsv(event.target.value), style: { fontFamily: 'monospace' } }}
      />
      <Button disabled={sending} iconId="fr-icon-upload-line" onClick={() => void send()}>
        {sending ? 'Import en cours…' : 'Importer'}
      </Button>
      <div className="fr-mt-4w" aria-live="polite">
        {problem && <ProblemAlert problem={problem} title="Le fichier n’a pas été importé" />}
        {report && <ReportTable report={report} />}
      </div>
    </>
  );
}
