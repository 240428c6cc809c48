# One image recipe for the three services: `--build-arg SERVICE=intake|matching|notifications`.
# The TypeScript is built into one JavaScript file (scripts/build-services.mjs); the image runs it
# with plain node, as a non-root user, in production mode (GUICHET_ENV=production: every demo
# default refuses the start). tests/production/image.unit.spec.ts checks that what a service reads
# at start is copied here.

# Every workspace's manifest: npm ci needs them all to match the lock file.
FROM node:24-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY packages/platform/package.json packages/platform/
COPY packages/territory/package.json packages/territory/
COPY services/intake/package.json services/intake/
COPY services/matching/package.json services/matching/
COPY services/notifications/package.json services/notifications/
COPY apps/portal/package.json apps/portal/

FROM manifests AS build
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY contracts contracts
COPY packages packages
COPY services services
COPY scripts/build-services.mjs scripts/
ARG SERVICE
RUN node scripts/build-services.mjs --outdir=dist ${SERVICE} && mv dist/${SERVICE} dist/service

# Run-time dependencies only (no TypeScript, no tsx, no test tools).
FROM manifests AS dependencies
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:24-bookworm-slim
ENV NODE_ENV=production GUICHET_ENV=production
WORKDIR /app
# Owned by root and read-only to the service user: the service cannot change its own code or data.
COPY --from=dependencies /app/node_modules node_modules
COPY --from=build /app/dist/service dist/service
COPY packages/territory/data packages/territory/data
COPY services/matching/data services/matching/data
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "--import", "./dist/service/instrumentation.js", "dist/service/main.js"]
