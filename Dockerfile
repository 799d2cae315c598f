# Policy Desk: the compiled bot on a slim Node image.
# docker build -t policy-desk . && docker run --init --env-file .env -v pd-data:/app/data -v pd-articles:/app/articles policy-desk
# (compose.yaml does the same.) Not built on the machines this was written on, which have no Docker daemon;
# its steps (npm ci, npm run build, npm ci --omit=dev, node dist/main.js) are the ones tests/build/ and the README check.

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    ARTICLES_DIR=/app/articles \
    METRICS_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
# Production packages only: no TypeScript, no tsx, no esbuild. No package here needs an install script.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
# A new named volume starts with what the image holds at its path: the shipped article for the articles folder.
COPY --chown=node:node seeds/ ./articles/
RUN mkdir -p data && chown node:node data articles
USER node
VOLUME ["/app/data", "/app/articles"]
# The health endpoint is served on METRICS_PORT (127.0.0.1 unless METRICS_HOST says otherwise), which the check runs beside.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.METRICS_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is the process that gets SIGTERM from `docker stop` (as PID 1, or under --init / compose's init: true),
# and the bot handles it: it finishes the interactions and writes in flight and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
