# One image recipe for every service of the monorepo; SERVICE selects which one runs.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY packages/platform/package.json packages/platform/
COPY services/intake/package.json services/intake/
COPY services/matching/package.json services/matching/
COPY services/notifications/package.json services/notifications/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY contracts contracts
COPY packages packages
COPY services services
ARG SERVICE
ENV SERVICE=${SERVICE} NODE_ENV=production
USER node
CMD ["sh", "-c", "exec npx tsx services/${SERVICE}/src/main.ts"]
