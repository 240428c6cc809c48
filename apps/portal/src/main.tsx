import '@codegouvfr/react-dsfr/main.css';
import './portal.css';
import { StrictMode } from 'react';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { createRoot } from 'react-dom/client';
import { Link } from 'react-router-dom';
import { App } from './app/App.js';
import { dropStoredCopies } from './candidate/local-copy.js';

dropStoredCopies(localStorage);
startReactDsfr({ defaultColorScheme: 'system', Link });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('#root manquant dans index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
