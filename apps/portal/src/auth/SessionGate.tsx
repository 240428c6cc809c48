import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useAuth } from 'react-oidc-context';
import { useLocation } from 'react-router-dom';
import { createHttpClient } from '../api/http.js';
import { config } from '../config.js';
import type { Area } from './areas.js';
import { hasAnyRole, principalOfAccessToken } from './claims.js';
import { beforeLogout } from './logout-hooks.js';
import { SessionContext } from './session-context.js';
import type { Session } from './session-context.js';

const expiredFlag = 'guichet.session-expired';

function Waiting({ text }: { text: string }) {
  return (
    <div className="fr-container fr-py-6w" role="status" aria-live="polite">
      <p className="fr-text--lead">{text}</p>
    </div>
  );
}

/** Signs the visitor in (redirect to Keycloak), checks the area's roles, watches for expiry. */
export function SessionGate({ area, children }: { area: Area; children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const [expired, setExpired] = useState(false);
  const tokenRef = useRef<string | undefined>(undefined);
  tokenRef.current = auth.user?.access_token;
  const returnTo = `${location.pathname}${location.search}`;
  const onCallback = location.pathname === area.callbackPath;

  const markExpired = useCallback(() => {
    sessionStorage.setItem(expiredFlag, '1');
    setExpired(true);
  }, []);

  useEffect(() => {
    const removeExpired = auth.events.addAccessTokenExpired(markExpired);
    const removeRenewError = auth.events.addSilentRenewError(markExpired);
    return () => {
      removeExpired();
      removeRenewError();
    };
  }, [auth.events, markExpired]);

  useEffect(() => {
    if (!auth.isAuthenticated || auth.user?.expired) return;
    setExpired(false);
    sessionStorage.removeItem(expiredFlag);
  }, [auth.isAuthenticated, auth.user]);

  const reconnect = useCallback(() => {
    void auth.signinRedirect({ state: { returnTo } });
  }, [auth, returnTo]);

  const logout = useCallback(() => {
    const principal = tokenRef.current ? principalOfAccessToken(tokenRef.current) : null;
    if (principal && !beforeLogout(principal.id)) return;
    sessionStorage.removeItem(expiredFlag);
    void auth.signoutRedirect({ post_logout_redirect_uri: `${window.location.origin}/` });
  }, [auth]);

  const mustSignIn = !auth.isLoading && !auth.isAuthenticated && !auth.activeNavigator && !auth.error && !onCallback;
  const wasExpired = sessionStorage.getItem(expiredFlag) === '1';
  const registering = location.pathname === area.registrationPath;
  const redirecting = useRef(false);
  useEffect(() => {
    if (!mustSignIn || wasExpired || redirecting.current) return;
    redirecting.current = true;
    // `prompt=create` (OpenID Connect account creation) opens Keycloak's registration page; the
    // new account then comes back to the area's home.
    void auth.signinRedirect(registering ? { prompt: 'create', state: { returnTo: area.home } } : { state: { returnTo } });
  }, [mustSignIn, wasExpired, auth, returnTo, registering, area.home]);

  // The clients read the token at each call: a renewed token changes no client, so nothing that
  // depends on them (a draft being saved) starts over.
  const clients = useMemo(() => {
    const getToken = () => tokenRef.current;
    return {
      intake: createHttpClient(config.intakeBase, getToken, markExpired),
      matching: createHttpClient(config.matchingBase, getToken, markExpired),
    };
  }, [markExpired]);

  const session = useMemo<Session | null>(() => {
    const token = auth.user?.access_token;
    if (!auth.isAuthenticated || !token) return null;
    return {
      area,
      principal: principalOfAccessToken(token),
      ...clients,
      expired,
      reconnect,
      logout,
    };
  }, [area, auth.isAuthenticated, auth.user, clients, expired, reconnect, logout]);

  if (auth.error) {
    return (
      <div className="fr-container fr-py-4w">
        <Alert
          severity="error"
          title="La connexion a échoué"
          description={
            <>
              Le service d’authentification a répondu : « {auth.error.message} ». <Button onClick={reconnect}>Réessayer</Button>
            </>
          }
        />
      </div>
    );
  }
  if (auth.isLoading || auth.activeNavigator || onCallback) return <Waiting text="Connexion en cours…" />;
  if (!session) {
    if (!wasExpired) return <Waiting text={registering ? 'Redirection vers la création de compte…' : 'Redirection vers la page de connexion…'} />;
    return (
      <div className="fr-container fr-py-4w">
        <Alert
          severity="warning"
          title="Votre session a expiré"
          description="Par sécurité, vous avez été déconnecté après une période d’inactivité. Vos brouillons enregistrés sont gardés par le guichet : reconnectez-vous pour les retrouver."
        />
        <Button className="fr-mt-2w" onClick={reconnect}>
          Se reconnecter
        </Button>
      </div>
    );
  }
  if (!hasAnyRole(session.principal, area.roles)) {
    return (
      <div className="fr-container fr-py-4w">
        <Alert
          severity="error"
          title="Accès non autorisé"
          description={`Le compte « ${session.principal.username} » n’a pas accès à l’${area.title.toLowerCase()}.`}
        />
        <Button className="fr-mt-2w" priority="secondary" onClick={logout}>
          Se déconnecter
        </Button>
      </div>
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
