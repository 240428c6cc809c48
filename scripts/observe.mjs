#!/usr/bin/env node
// `npm run observe`: the local trace viewer, opt-in (npm start does not wait for it). Jaeger v2 is
// built once from the Go module proxy into the git-ignored .cache/ (about 15 minutes on two cores),
// then started like the rest of the local stack, every listener on 127.0.0.1. Once it is built,
// `npm start` points the services at its OTLP receiver: their spans show up whenever it runs.
import { runOnProjectNode } from '../infra/local/node-runtime.mjs';

try {
  await runOnProjectNode();
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
const { up } = await import('../infra/local/stack.mjs');
const { jaeger, traceViewerOtlpEndpoint, traceViewerProvisioned } = await import('../infra/local/components/jaeger.mjs');

const firstBuild = !traceViewerProvisioned() && !process.env[jaeger.envVar];
if (firstBuild) console.log('▶ Première construction de Jaeger depuis le proxy de modules Go (une quinzaine de minutes, une seule fois)');
const { results, errors } = await up(['jaeger']);
for (const error of errors) console.error(`✗ ${error.message}`);
if (errors.length > 0) process.exit(1);
const url = results.jaeger.endpoint;
console.log(`
✔ Visualiseur de traces : ${url}
  Les services lancés par \`npm start\` y envoient leurs spans (OTLP/HTTP ${traceViewerOtlpEndpoint})${firstBuild ? ' ;\n  des services déjà lancés avant cette première construction n’exportent rien : relancez `npm start`' : ''}.
  Une trace : ${url}/?trace=<identifiant>, l’identifiant étant le trace_id des journaux.
  Les traces restent en mémoire ; \`npm run stack:down -- jaeger\` arrête le visualiseur.
`);
