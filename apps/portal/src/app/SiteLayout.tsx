import type { ReactNode } from 'react';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import type { HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { MainNavigation } from '@codegouvfr/react-dsfr/MainNavigation';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useLocation } from 'react-router-dom';

export interface NavItem {
  text: string;
  to: string;
  /** Active on this exact path only (an area's home), not on the paths below it. */
  exact?: boolean;
}

interface Props {
  navigation: NavItem[];
  quickAccess?: HeaderProps.QuickAccessItem[];
  children: ReactNode;
}

export function SiteLayout({ navigation, quickAccess = [], children }: Props) {
  const { pathname } = useLocation();
  const items: MainNavigationProps.Item[] = navigation.map((item) => ({
    text: item.text,
    linkProps: { to: item.to },
    isActive: item.exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`),
  }));
  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: '#contenu' },
          ...(items.length > 0 ? [{ label: 'Menu', anchor: '#menu-principal' }] : []),
          { label: 'Pied de page', anchor: '#pied-de-page' },
        ]}
      />
      <Header
        brandTop={
          <>
            RÉPUBLIQUE
            <br />
            FRANÇAISE
          </>
        }
        homeLinkProps={{ to: '/', title: 'Accueil — Guichet Installation Santé' }}
        serviceTitle="Guichet Installation Santé"
        serviceTagline="S’installer comme médecin : locaux, logement, emploi du conjoint et aides, en une seule demande"
        navigation={items.length > 0 ? <MainNavigation id="menu-principal" items={items} /> : undefined}
        quickAccessItems={quickAccess}
        classes={{ navbar: 'guichet-navbar' }}
        id="en-tete"
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-4w">
        {children}
      </main>
      <Footer
        id="pied-de-page"
        accessibility="non compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        termsLinkProps={{ to: '/mentions-legales' }}
        contentDescription="Guichet unique régional d’installation des médecins : une demande, des propositions expliquées, un suivi par l’ARS et l’Assurance Maladie."
        bottomItems={[
          { text: 'Données personnelles', linkProps: { to: '/donnees-personnelles' } },
          { text: 'Simuler mes aides', linkProps: { to: '/simulation' } },
        ]}
      />
    </>
  );
}
