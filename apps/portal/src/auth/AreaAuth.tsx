import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { AuthProvider } from 'react-oidc-context';
import type { User } from 'oidc-client-ts';
import { useNavigate } from 'react-router-dom';
import type { Area } from './areas.js';
import { safeReturnTo } from './areas.js';
import { oidcSettings } from './oidc-settings.js';
import { SessionGate } from './SessionGate.js';

/** One Keycloak client per area; the login callback lands on the area's `connexion` route. */
export function AreaAuth({ area, children }: { area: Area; children: ReactNode }) {
  const navigate = useNavigate();
  const settings = useMemo(() => oidcSettings(area), [area]);
  const onSigninCallback = (user: User | undefined): void => {
    navigate(safeReturnTo(user?.state, area.home), { replace: true });
  };
  return (
    <AuthProvider {...settings} onSigninCallback={onSigninCallback}>
      <SessionGate area={area}>{children}</SessionGate>
    </AuthProvider>
  );
}
