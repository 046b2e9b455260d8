# syntax=docker/dockerfile:1
# ctd-fund-ledger: build with the dev toolchain, run with production dependencies only, as a
# non-root user. better-sqlite3 compiles from source on install (.npmrc: build_from_source), so
# every stage that runs `npm ci` needs python3, make and g++; the runtime stage does not.

ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# The staff app is an npm workspace: its manifest is part of the install.
COPY web/package.json ./web/

# Build stage: every dependency, then the TypeScript build (dist/src/main.js).
FROM toolchain AS build
RUN npm ci
COPY . .
RUN npm run build \
 && mkdir -p bin

# Production dependencies only, compiled here so the runtime image carries no compiler.
FROM toolchain AS production-dependencies
RUN npm ci --omit=dev \
 && npm cache clean --force

# Runtime stage.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    LEDGER_DATA_DIR=/app/data
WORKDIR /app
COPY --chown=node:node package.json ./
COPY --chown=node:node --from=production-dependencies /app/node_modules ./node_modules
COPY --chown=node:node --from=build /app/dist ./dist
COPY --chown=node:node web/package.json ./web/
COPY --chown=node:node --from=build /app/web/dist ./web/dist
COPY --chown=node:node --from=build /app/bin ./bin
# The data directory exists and belongs to the non-root user, so a named volume mounted on it does too.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
