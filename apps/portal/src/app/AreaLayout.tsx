import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Outlet } from 'react-router-dom';
import { useSession } from '../auth/session-context.js';
import { setCommuneScope } from '../territory/communes.js';
import { SiteLayout } from './SiteLayout.js';
import type { NavItem } from './SiteLayout.js';

/** Header with the person signed in and the logout button, and the expired-session banner. */
export function AreaLayout({ navigation }: { navigation: NavItem[] }) {
  const session = useSession();
  // Caseworkers and publishers work on their territory; a candidate searches the whole country,
  // and an administrator's territory is everywhere.
  const { principal } = session;
  const territorial = session.area.key !== 'candidat' && !principal.roles.includes('admin') && principal.regions.length + principal.departements.length > 0;
  setCommuneScope(territorial ? { regions: principal.regions, departements: principal.departements } : undefined);
  return (
    <SiteLayout
      navigation={navigation}
      quickAccess={[
        { iconId: 'fr-icon-account-circle-line', text: session.principal.displayName, linkProps: { to: session.area.home } },
        { iconId: 'fr-icon-logout-box-r-line', text: 'Se déconnecter', buttonProps: { onClick: session.logout } },
      ]}
    >
      {session.expired && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title="Votre session a expiré"
          description={
            <>
              Ce que vous saisissez ne peut plus être enregistré. Se reconnecter recharge la page : ce qui a été saisi depuis le dernier « Brouillon enregistré » sera perdu.{' '}
              <Button size="small" onClick={session.reconnect}>
                Se reconnecter
              </Button>
            </>
          }
        />
      )}
      <Outlet />
    </SiteLayout>
  );
}
