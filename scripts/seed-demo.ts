// `npm start`'s demo data: the demo region of Centre-Val de Loire (scripts/demo-loader.ts), loaded
// through the services' public APIs on the endpoints of the environment; `--offers-only` leaves the
// candidates out (a matching alone, as its benchmark runs it). Zoning and the national aid catalogue
// are seeded by matching itself; demo users come with the realm.
import { refuseDemoDefaults } from '@guichet/platform';
import { loadDemo } from './demo-loader.js';

// This script is the demo offers seeding: a production deployment refuses it like any demo default.
refuseDemoDefaults({ ...process.env, DEMO_OFFERS: 'true' }, new Set(['DEMO_OFFERS']));

const started = Date.now();
loadDemo(
  {
    matchingUrl: process.env.MATCHING_URL ?? 'http://127.0.0.1:3002',
    ...(process.argv.includes('--offers-only') ? {} : { intakeUrl: process.env.INTAKE_URL ?? 'http://127.0.0.1:3001' }),
    keycloakUrl: process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080',
  },
  { proposalsTimeoutMs: 20_000, log: (line) => console.log(line) },
).then(
  () => console.log(`Données de démonstration chargées en ${((Date.now() - started) / 1000).toFixed(1)} s.`),
  (error: unknown) => {
    console.error(`✗ données de démonstration : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
