# One image for every Linli process; the process is the argument:
#   docker run linli gateway | organisations | grids | tickets | evaluations | … | migrate
# Build from the repository root: docker build -t linli .
ARG NODE_IMAGE=node:20.19-bookworm-slim

# 1. Only what the stack (gateway, every subgraph, the migrate command) needs:
#    turbo prune keeps those workspaces and a lockfile pruned to them.
FROM ${NODE_IMAGE} AS prune
WORKDIR /repo
COPY . .
RUN npx --yes turbo@2.11.9 prune @linli/stack --docker

# 2. Install from the pruned lockfile (cached while only sources change), build,
#    then drop the development dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /repo
ENV TURBO_TELEMETRY_DISABLED=1
COPY --from=prune /repo/out/json/ .
RUN npm ci --no-audit --no-fund
COPY --from=prune /repo/out/full/ .
RUN npx turbo run build --filter=@linli/stack... \
 && npm prune --omit=dev --no-audit --no-fund

# 3. The runtime: production dependencies, compiled code, the committed
#    supergraph and persisted-operation manifests; a non-root user; no npm.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=10001:10001 /repo /app
COPY --chown=10001:10001 infra/docker/entrypoint.sh /usr/local/bin/linli
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx
USER 10001:10001
EXPOSE 4000 9464
ENTRYPOINT ["/usr/local/bin/linli"]
CMD ["gateway"]
