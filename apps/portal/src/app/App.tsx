import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AreaAuth } from '../auth/AreaAuth.js';
import { areas } from '../auth/areas.js';
import { AreaLayout } from './AreaLayout.js';
import { HomePage } from './HomePage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { PublicLayout } from './PublicLayout.js';

const SimulationPage = lazy(() => import('../simulation/SimulationPage.js'));
const CandidateHome = lazy(() => import('../candidate/CandidateHome.js'));
const DraftEntry = lazy(() => import('../candidate/DraftEntry.js'));
const RequestFormPage = lazy(() => import('../candidate/RequestFormPage.js'));
const StatusPage = lazy(() => import('../candidate/StatusPage.js'));
const ProposalsPage = lazy(() => import('../candidate/ProposalsPage.js'));
const MyDataPage = lazy(() => import('../candidate/MyDataPage.js'));
const QueuePage = lazy(() => import('../caseworker/QueuePage.js'));
const CaseDetailPage = lazy(() => import('../caseworker/CaseDetailPage.js'));
const StatisticsPage = lazy(() => import('../caseworker/StatisticsPage.js'));
const OffersPage = lazy(() => import('../publisher/OffersPage.js'));
const PublishOfferPage = lazy(() => import('../publisher/PublishOfferPage.js'));
const CsvImportPage = lazy(() => import('../publisher/CsvImportPage.js'));
const AccessibilityPage = lazy(() => import('./LegalPages.js').then((module) => ({ default: module.AccessibilityPage })));
const LegalNoticePage = lazy(() => import('./LegalPages.js').then((module) => ({ default: module.LegalNoticePage })));
const PersonalDataPage = lazy(() => import('./LegalPages.js').then((module) => ({ default: module.PersonalDataPage })));

const candidateNavigation = [
  { text: 'Mon espace', to: '/candidat', exact: true },
  { text: 'Ma demande', to: '/candidat/demande' },
  { text: 'Mes données', to: '/candidat/mes-donnees' },
  { text: 'Simuler mes aides', to: '/simulation' },
];
const caseworkerNavigation = [
  { text: 'File des dossiers', to: '/agent', exact: true },
  { text: 'Statistiques', to: '/agent/statistiques' },
];
const publisherNavigation = [
  { text: 'Mes offres', to: '/offres', exact: true },
  { text: 'Publier une offre', to: '/offres/publier' },
  { text: 'Importer un fichier CSV', to: '/offres/import' },
];

function Loading() {
  return (
    <p role="status" className="fr-py-4w">
      Chargement…
    </p>
  );
}

function page(element: ReactNode) {
  return <Suspense fallback={<Loading />}>{element}</Suspense>;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<PublicLayout>{<HomePage />}</PublicLayout>} />
        <Route path="/simulation" element={<PublicLayout>{page(<SimulationPage />)}</PublicLayout>} />
        <Route path="/accessibilite" element={<PublicLayout>{page(<AccessibilityPage />)}</PublicLayout>} />
        <Route path="/mentions-legales" element={<PublicLayout>{page(<LegalNoticePage />)}</PublicLayout>} />
        <Route path="/donnees-personnelles" element={<PublicLayout>{page(<PersonalDataPage />)}</PublicLayout>} />
        <Route
          path="/candidat"
          element={
            <AreaAuth area={areas.candidat}>
              <AreaLayout navigation={candidateNavigation} />
            </AreaAuth>
          }
        >
          <Route index element={page(<CandidateHome />)} />
          <Route path="connexion" element={<Loading />} />
          <Route path="creer-un-compte" element={<Navigate to="/candidat" replace />} />
          <Route path="demande" element={page(<DraftEntry />)} />
          <Route path="demande/:requestId" element={page(<RequestFormPage />)} />
          <Route path="demandes/:requestId/suivi" element={page(<StatusPage />)} />
          <Route path="demandes/:requestId/propositions" element={page(<ProposalsPage />)} />
          <Route path="mes-donnees" element={page(<MyDataPage />)} />
        </Route>
        <Route
          path="/agent"
          element={
            <AreaAuth area={areas.agent}>
              <AreaLayout navigation={caseworkerNavigation} />
            </AreaAuth>
          }
        >
          <Route index element={page(<QueuePage />)} />
          <Route path="connexion" element={<Loading />} />
          <Route path="dossiers/:requestId" element={page(<CaseDetailPage />)} />
          <Route path="statistiques" element={page(<StatisticsPage />)} />
        </Route>
        <Route
          path="/offres"
          element={
            <AreaAuth area={areas.offres}>
              <AreaLayout navigation={publisherNavigation} />
            </AreaAuth>
          }
        >
          <Route index element={page(<OffersPage />)} />
          <Route path="connexion" element={<Loading />} />
          <Route path="publier" element={page(<PublishOfferPage />)} />
          <Route path="import" element={page(<CsvImportPage />)} />
        </Route>
        <Route path="*" element={<PublicLayout>{<NotFoundPage />}</PublicLayout>} />
      </Routes>
    </BrowserRouter>
  );
}
