# syntax=docker/dockerfile:1.7
# One image for every deployable: `docker run IMAGE <service>` runs `node embedded/dist/services/run.js
# <service>` (gateway, member, points, orders, inventory, customer-service, content, adapters-sync,
# adapters-webhooks, legacy, store, all) — the same command the multi-process mode runs per process.
# Build: docker build -t zhongtai/zhongtai:0.1.0 .

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every workspace compiled (dev dependencies: TypeScript, the type packages)
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx tsc --build \
 # what the runtime stage takes: the workspaces' manifests, their compiled output, the supergraph
 && mkdir -p /out/manifests /out/dist \
 && find . -name package.json -not -path '*/node_modules/*' -not -path './helm/*' \
      -exec cp --parents {} /out/manifests/ \; \
 && find . -type d -name dist -not -path '*/node_modules/*' -prune \
      -exec cp -r --parents {} /out/dist/ \; \
 && find /out/dist -name '*.test.*' -delete -o -name '.tsbuildinfo' -delete \
 && cp --parents contracts/supergraph/supergraph.graphql /out/dist/

# ---- runtime: production dependencies only, non-root, read-only friendly
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/patches ./patches
COPY --from=build /out/manifests/ ./
# scripts off (the root postinstall runs patch-package, a dev dependency): the patches are applied
# with a pinned patch-package from the registry, then npm's cache goes
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npx --yes patch-package@8.0.1 \
 && npm cache clean --force \
 && rm -rf /root/.npm /tmp/*
COPY --from=build /out/dist/ ./
USER 10001:10001
EXPOSE 4000
ENTRYPOINT ["node", "embedded/dist/services/run.js"]
CMD ["gateway"]
