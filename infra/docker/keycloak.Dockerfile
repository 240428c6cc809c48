# The realm's Keycloak with its login theme (infra/keycloak/theme: FreeMarker over Keycloak's base
# theme, DSFR from @gouvfr/dsfr pinned by its lockfile), assembled by the same script as the local stack.
FROM node:24-bookworm-slim AS theme
WORKDIR /src
COPY infra/keycloak/theme infra/keycloak/theme
COPY infra/local/lib infra/local/lib
RUN node infra/local/lib/keycloak-theme.mjs /out

FROM quay.io/keycloak/keycloak:26.4.5
COPY --from=theme /out/themes/guichet /opt/keycloak/themes/guichet
