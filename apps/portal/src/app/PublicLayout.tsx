import type { ReactNode } from 'react';
import { SiteLayout } from './SiteLayout.js';

export const publicNavigation = [
  { text: 'Accueil', to: '/', exact: true },
  { text: 'Simuler mes aides', to: '/simulation' },
  { text: 'Espace candidat', to: '/candidat' },
  { text: 'Espace instructeur', to: '/agent' },
  { text: 'Publier des offres', to: '/offres' },
];

export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <SiteLayout navigation={publicNavigation} quickAccess={[{ iconId: 'fr-icon-account-circle-line', text: 'Se connecter', linkProps: { to: '/candidat' } }]}>
      {children}
    </SiteLayout>
  );
}
