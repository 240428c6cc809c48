import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { ProxyOptions } from 'vite';
import { contractsInBrowser } from './vite/contracts-in-browser.js';
import { securityHeaders } from './vite/security-headers.js';

// The browser calls the services through this origin (/api/<service>/...), so the services need
// no CORS rule and the portal works the same in dev, preview and behind a production proxy. The
// proxy says who the visitor is (X-Forwarded-For, -Proto): services that trust it (TRUST_PROXY)
// apply their per-client limits to each visitor.
function proxies(): Record<string, ProxyOptions> {
  const services = {
    intake: process.env.INTAKE_URL ?? 'http://127.0.0.1:3001',
    matching: process.env.MATCHING_URL ?? 'http://127.0.0.1:3002',
  };
  return Object.fromEntries(
    Object.entries(services).map(([name, target]) => [
      `/api/${name}`,
      { target, changeOrigin: true, xfwd: true, rewrite: (path: string) => path.replace(`/api/${name}`, '') },
    ]),
  );
}

export default defineConfig({
  plugins: [contractsInBrowser(), react(), securityHeaders(process.env.VITE_KEYCLOAK_URL ?? 'http://127.0.0.1:18080')],
  resolve: {
    alias: {
      // The pure search index of @guichet/territory, without its node:fs loader.
      '@guichet/territory/commune-index': fileURLToPath(new URL('../../packages/territory/src/commune-index.ts', import.meta.url)),
    },
  },
  // Imported by the rewritten contracts validators, which the dependency scan does not see.
  optimizeDeps: { include: ['ajv-formats/dist/formats.js', 'ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js'] },
  server: { port: 5173, strictPort: true, host: '127.0.0.1', proxy: proxies() },
  preview: { port: 5173, strictPort: true, host: '127.0.0.1', proxy: proxies() },
  build: { chunkSizeWarningLimit: 2500, sourcemap: false },
});
