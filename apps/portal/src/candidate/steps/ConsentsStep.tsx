import { YesNoField } from '../../ui/form/fields.js';

const consents = [
  { key: 'ars', label: 'L’ARS peut-elle recevoir votre identité ?', hint: 'Pour les contrats d’aide de l’État et le suivi de votre installation.' },
  { key: 'cpam', label: 'L’Assurance Maladie (CPAM) peut-elle recevoir votre identité ?', hint: 'Pour les aides conventionnelles et votre installation.' },
  { key: 'ordre', label: 'L’Ordre des médecins peut-il recevoir votre identité ?', hint: 'Pour préparer votre inscription au tableau.' },
  {
    key: 'collectivites',
    label: 'Les collectivités concernées peuvent-elles recevoir votre identité ?',
    hint: 'Pour les aides locales, les locaux et les logements qu’elles proposent.',
  },
] as const;

export function ConsentsStep() {
  return (
    <>
      <p>
        Sans votre accord, chaque partenaire ne reçoit que des informations sans votre nom (territoire, spécialité, besoins). Vous pouvez changer d’avis tant
        que la demande n’est pas déposée.
      </p>
      {consents.map((consent) => (
        <YesNoField key={consent.key} path={`consents.${consent.key}`} label={consent.label} hint={consent.hint} />
      ))}
    </>
  );
}
