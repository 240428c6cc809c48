import { Link } from 'react-router-dom';
import { usePageTitle } from '../ui/usePageTitle.js';

export function NotFoundPage() {
  usePageTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p className="fr-text--lead">La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <Link className="fr-link" to="/">
        Retour à l’accueil
      </Link>
    </>
  );
}
