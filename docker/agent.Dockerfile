# syntax=docker/dockerfile:1
# The Vigil site agent for amd64, arm64 and arm/v7 (Raspberry Pi). Build context: the repository root.
#   docker buildx build --platform linux/amd64,linux/arm64,linux/arm/v7 -f docker/agent.Dockerfile -t vigil/agent .
# Runtime: Debian bookworm's OpenJDK 17, which exists for all three platforms (eclipse-temurin:17-jre has no
# arm/v7 image since it moved to Ubuntu noble). The jar is pure Java; JNA inside it carries the arm natives.
#
# Run it with the host's network (VRRP adverts and per-WAN probes need the real interfaces) and CAP_NET_RAW only:
#   docker run -d --name vigil-agent --network host --cap-drop ALL --cap-add NET_RAW \
#     --security-opt no-new-privileges --read-only --tmpfs /tmp \
#     -v /etc/vigil:/etc/vigil:ro -v vigil-agent-state:/var/lib/vigil vigil/agent
# The process is root inside the container because Docker gives a non-root user no ambient capabilities, but that
# root holds CAP_NET_RAW and nothing else (no setcap on java: it breaks the JVM's library loading).

ARG MAVEN_IMAGE=maven:3-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim
# "build": compile in the Maven stage; "prebuilt": take agent/target/vigil-agent.jar from the context. Without a
# registry (podman, docs/deployment.md):
#   podman build -f docker/agent.Dockerfile --build-arg JARS=prebuilt \
#     --build-arg RUNTIME_IMAGE=localhost/debian:bookworm-slim -t vigil/agent .
ARG JARS=build

FROM --platform=$BUILDPLATFORM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl agent -am package -DskipTests

FROM scratch AS prebuilt
COPY agent/target/vigil-agent.jar /src/agent/target/vigil-agent.jar
COPY agent-deb/src/deb/bin/vigil-agent /src/agent-deb/src/deb/bin/vigil-agent

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

LABEL org.opencontainers.image.title="vigil-agent" \
      org.opencontainers.image.description="Vigil site agent: VRRP watch, WAN probes, RouterOS failover, MQTT reports"

RUN mkdir -p /etc/vigil /var/lib/vigil /usr/share/vigil

COPY --from=jars /src/agent/target/vigil-agent.jar /usr/share/vigil/vigil-agent.jar
COPY --from=jars /src/agent-deb/src/deb/bin/vigil-agent /usr/bin/vigil-agent

# Extra JVM options go in VIGIL_JAVA_OPTS (appended after the wrapper's small-footprint defaults).
ENV VIGIL_JAVA_OPTS=""
VOLUME ["/var/lib/vigil", "/etc/vigil"]
WORKDIR /var/lib/vigil

# The agent's local status endpoint (http.listen, default 127.0.0.1:9108) answers 503 when the outbox is nearly full.
# No curl in the image: bash's /dev/tcp is enough for one GET.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9108 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/usr/bin/vigil-agent"]
CMD ["run", "--config", "/etc/vigil/agent.yaml"]
