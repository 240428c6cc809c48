import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../ui/usePageTitle.js';

const tiles = [
  {
    title: 'Simuler mes aides',
    desc: 'Sans compte : choisissez votre situation, votre spécialité et une commune, voyez les aides possibles et leur montant.',
    to: '/simulation',
  },
  {
    title: 'Je suis candidat',
    desc: 'Étudiant, interne, docteur junior ou médecin : déposez votre demande, suivez-la et choisissez une proposition.',
    to: '/candidat',
  },
  {
    title: 'Je suis instructeur',
    desc: 'ARS et Assurance Maladie : la file des dossiers de votre territoire, leur suivi et les statistiques.',
    to: '/agent',
  },
  {
    title: 'Je publie des offres',
    desc: 'Collectivités, établissements, employeurs : locaux, logements de stage et emplois pour les conjoints.',
    to: '/offres',
  },
];

export function HomePage() {
  usePageTitle('Accueil');
  return (
    <>
      <h1>S’installer comme médecin, en une seule demande</h1>
      <p className="fr-text--lead">
        Le guichet rapproche votre projet des locaux disponibles, des logements de stage, des emplois pour votre conjoint et des aides à l’installation, et vous
        explique chaque proposition.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {tiles.map((tile) => (
          <div key={tile.to} className="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <Tile title={tile.title} desc={tile.desc} linkProps={{ to: tile.to }} titleAs="h2" enlargeLinkOrButton />
          </div>
        ))}
      </div>
      <CallOut
        className="fr-mt-4w"
        titleAs="h2"
        title="Vous n’avez pas encore de compte ?"
        buttonProps={{ children: 'Créer un compte', linkProps: { to: '/candidat/creer-un-compte' } }}
      >
        Étudiant, interne, docteur junior ou médecin : créez votre compte candidat avec votre adresse électronique, confirmez-la par le lien reçu, puis
        commencez votre demande ; elle est enregistrée au fur et à mesure. Vous avez déjà un compte ? <Link to="/candidat">Se connecter</Link>.
      </CallOut>
    </>
  );
}
