import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRunner } from '../lib/go-source.mjs';
import { binDir, cacheDir, componentRunDir } from '../lib/paths.mjs';
import { fetchJson } from '../lib/probes.mjs';

/**
 * Jaeger v2 (the module's tag v1.75.0 is the release v1.75.0 / v2.12.0) as the local trace viewer:
 * spans kept in memory, OTLP/HTTP in, query API and viewer out, every listener on loopback.
 */
const moduleTag = 'v1.75.0';
const releaseV2 = 'v2.12.0';
const modulePath = 'github.com/jaegertracing/jaeger';
const toolPath = `${modulePath}/cmd/jaeger`;
const uiPort = 16686;
const queryGrpcPort = 16685;
const otlpHttpPort = 4318;
const here = path.dirname(fileURLToPath(import.meta.url));
const configFile = path.join(here, '..', 'jaeger', 'config.yaml');
const uiDir = path.join(here, '..', 'jaeger', 'ui');
const runDir = componentRunDir('jaeger');
const buildDir = path.join(cacheDir, 'jaeger-build');
const binary = path.join(binDir, 'jaeger');
const versionMarker = `${binary}.version`;
const buildMarker = `${moduleTag}+${releaseV2}`;
const provisionLog = path.join(runDir, 'provision.log');

/** Where the services send their spans while the viewer runs (OTEL_EXPORTER_OTLP_ENDPOINT). */
export const traceViewerOtlpEndpoint = `http://127.0.0.1:${otlpHttpPort}`;

/** True once `npm run observe` has built the viewer: from then on `npm start` exports to it. */
export function traceViewerProvisioned() {
  return existsSync(binary) && existsSync(versionMarker) && readFileSync(versionMarker, 'utf8').trim() === buildMarker;
}

const go = goRunner({ name: 'jaeger', logFile: provisionLog, missingHint: 'install Go 1.24+, or set JAEGER_URL' });

/**
 * As Jaeger's README gives it for a build from the Go module proxy: a scratch module takes the
 * command as a tool at the exact tag (`go get -tool`), then `go build` of that package. About 15
 * minutes once on two cores, an 85 MB binary; Go's caches make a rebuild quick.
 */
async function build() {
  mkdirSync(buildDir, { recursive: true });
  if (!existsSync(path.join(buildDir, 'go.mod'))) await go(['mod', 'init', 'local/jaeger-build'], buildDir, 'go mod init');
  await go(['get', '-tool', `${toolPath}@${moduleTag}`], buildDir, `download of ${modulePath} ${moduleTag} from the Go module proxy`);
  mkdirSync(binDir, { recursive: true });
  const staging = `${binary}.build`;
  await go(['build', '-trimpath', '-ldflags', `-s -w -X ${modulePath}/internal/version.latestVersion=${releaseV2}`, '-o', staging, toolPath], buildDir, `build of Jaeger ${releaseV2}`, 40 * 60_000);
  renameSync(staging, binary);
  writeFileSync(versionMarker, `${buildMarker}\n`);
}

export const jaeger = {
  name: 'jaeger',
  aliases: ['traces', 'observe'],
  title: `Jaeger ${releaseV2} (traces in memory, OTLP/HTTP 127.0.0.1:${otlpHttpPort})`,
  envVar: 'JAEGER_URL',
  endpoint: `http://127.0.0.1:${uiPort}`,
  ports: [uiPort, queryGrpcPort, otlpHttpPort],
  startTimeoutMs: 30_000,
  logFile: path.join(runDir, 'jaeger.log'),

  companionEnv() {
    return { OTEL_EXPORTER_OTLP_ENDPOINT: process.env.JAEGER_URL ? process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '' : traceViewerOtlpEndpoint };
  },

  async probe(url) {
    const services = await fetchJson(`${url.replace(/\/+$/, '')}/api/services`);
    return services !== null && typeof services === 'object' && 'data' in services;
  },

  async provision() {
    if (traceViewerProvisioned()) return false;
    await build();
    return true;
  },

  launchSpec() {
    mkdirSync(runDir, { recursive: true });
    return {
      command: binary,
      args: [`--config=${configFile}`],
      cwd: runDir,
      // The viewer's page is the project's (infra/local/jaeger/ui): the module holds no built Jaeger UI.
      env: { ...process.env, JAEGER_UI_ASSETS: uiDir },
    };
  },
};
