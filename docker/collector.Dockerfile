# syntax=docker/dockerfile:1
# The Vigil collector (MSP side). Build context: the repository root.
#   docker build -f docker/collector.Dockerfile -t vigil/collector .
# Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 -f docker/collector.Dockerfile .
# The build stage runs on the build machine's own platform (the jar is the same for every architecture).
# Without a registry, or with the jar built already (podman, docs/deployment.md):
#   podman build -f docker/collector.Dockerfile --build-arg JARS=prebuilt \
#     --build-arg RUNTIME_IMAGE=localhost/debian:bookworm-slim -t vigil/collector .
# Runtime: Debian bookworm's OpenJDK 17, which exists for amd64, arm64 and arm/v7 alike.

ARG MAVEN_IMAGE=maven:3-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim
# "build": compile in the Maven stage; "prebuilt": take collector/target/vigil-collector.jar from the context.
ARG JARS=build

FROM --platform=$BUILDPLATFORM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl collector -am package -DskipTests

FROM scratch AS prebuilt
COPY collector/target/vigil-collector.jar /src/collector/target/vigil-collector.jar

FROM ${JARS} AS jars

FROM ${RUNTIME_IMAGE}
# The first step is the same in agent.Dockerfile and collector.Dockerfile, so a host that builds both installs the
# JRE once (one 368 MB layer). libpcap0.8 is the agent's (0.3 MB). The man directory works around openjdk's postinst
# on slim images (update-alternatives links man pages).
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless libpcap0.8 ca-certificates \
 && rm -rf /var/lib/apt/lists/*

LABEL org.opencontainers.image.title="vigil-collector" \
      org.opencontainers.image.description="Vigil collector: MQTT ingest, store, alerts, REST/SSE API and dashboard"

RUN groupadd --system --gid 10001 vigil \
 && useradd --system --uid 10001 --gid vigil --home-dir /var/lib/vigil --no-create-home --shell /usr/sbin/nologin vigil \
 && mkdir -p /var/lib/vigil /etc/vigil /usr/share/vigil \
 && chown vigil:vigil /var/lib/vigil \
 && chmod 0750 /var/lib/vigil

COPY --from=jars /src/collector/target/vigil-collector.jar /usr/share/vigil/vigil-collector.jar

# Configuration is by environment (see docker/README.md); the H2 database lives in the data volume.
ENV VIGIL_DATA_DIR=/var/lib/vigil \
    VIGIL_HTTP_PORT=8080 \
    VIGIL_MQTT_PORT=1883 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER vigil:vigil
WORKDIR /var/lib/vigil
VOLUME ["/var/lib/vigil", "/etc/vigil"]
# 1883 embedded MQTT, 8080 HTTP API and dashboard, 8883 MQTT over TLS when a certificate is configured.
EXPOSE 1883 8080 8883

# No curl in the image: bash's /dev/tcp is enough for one GET.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${VIGIL_HTTP_PORT} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /usr/share/vigil/vigil-collector.jar \"$@\"", "vigil-collector"]
