# Build: release binary with SQLite and libpq compiled in.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs openapi.yaml ./
COPY .cargo ./.cargo
COPY src ./src
COPY migrations ./migrations
COPY locales ./locales
RUN cargo build --release --locked

# Run: slim Debian, non-root, data on a volume.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/cuakhau --create-home cuakhau \
 && mkdir -p /var/lib/cuakhau/data \
 && chown -R cuakhau:cuakhau /var/lib/cuakhau
COPY --from=build /src/target/release/cuakhau /usr/local/bin/cuakhau
USER cuakhau
WORKDIR /var/lib/cuakhau
ENV CUAKHAU_ENVIRONMENT=production \
    CUAKHAU_HOST=0.0.0.0 \
    CUAKHAU_PORT=8080 \
    CUAKHAU_DATABASE_URL=/var/lib/cuakhau/data/cuakhau.db \
    CUAKHAU_LOG_FORMAT=json \
    MALLOC_ARENA_MAX=2
# Also required in production: CUAKHAU_JWT_SECRET and CUAKHAU_SMS__WEBHOOK_SECRET.
VOLUME ["/var/lib/cuakhau/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["cuakhau"]
CMD ["serve"]
