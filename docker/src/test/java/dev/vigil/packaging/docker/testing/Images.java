package dev.vigil.packaging.docker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/**
 * The images under test, built once per test JVM exactly as docs/deployment.md tells users: the base image from
 * {@code docker/podman/base-image} (debootstrap, kept in podman's store as a cache), then each Dockerfile with
 * {@code JARS=prebuilt} from the repository root, on the jars the reactor built earlier.
 */
public final class Images {
    public static final String BASE = "localhost/debian:bookworm-slim";
    public static final String COLLECTOR = "localhost/vigil/collector:test";
    public static final String AGENT = "localhost/vigil/agent:test";
    public static final String POSTGRES = "localhost/vigil/postgres:15";

    /** debootstrap of a minbase system: about 45 s on an idle machine, a few minutes on a busy one. */
    private static final Duration BASE_DEADLINE = Duration.ofMinutes(15);

    private static boolean baseReady;
    private static boolean collectorBuilt;
    private static boolean agentBuilt;
    private static boolean postgresBuilt;

    private Images() {}

    /** Makes {@link #BASE} with the shipped script unless podman has it already. */
    public static synchronized void base() {
        if (baseReady) {
            return;
        }
        Podman.requireReady();
        Podman.exec(List.of(DockerDir.path("podman/base-image").toString()), BASE_DEADLINE)
                .requireSuccess();
        baseReady = true;
    }

    public static synchronized String collector() {
        if (!collectorBuilt) {
            build("collector.Dockerfile", COLLECTOR, "collector/target/vigil-collector.jar");
            collectorBuilt = true;
        }
        return COLLECTOR;
    }

    public static synchronized String agent() {
        if (!agentBuilt) {
            build("agent.Dockerfile", AGENT, "agent/target/vigil-agent.jar");
            agentBuilt = true;
        }
        return AGENT;
    }

    /** PostgreSQL from Debian for compose's postgres profile ({@code docker/podman/postgres.Containerfile}). */
    public static synchronized String postgres() {
        if (!postgresBuilt) {
            base();
            Podman.run(
                            Podman.BUILD,
                            List.of(
                                    "build",
                                    "--quiet",
                                    "--format",
                                    "docker",
                                    "-f",
                                    DockerDir.path("podman/postgres.Containerfile")
                                            .toString(),
                                    "-t",
                                    POSTGRES,
                                    DockerDir.path("podman").toString()))
                    .requireSuccess();
            postgresBuilt = true;
        }
        return POSTGRES;
    }

    private static void build(String dockerfile, String tag, String jar) {
        base();
        assertThat(DockerDir.repository(jar)).as("built earlier in the reactor").exists();
        Podman.run(
                        Podman.BUILD,
                        List.of(
                                "build",
                                "--quiet",
                                // the OCI format has no HEALTHCHECK; podman keeps it only in Docker's format
                                "--format",
                                "docker",
                                "-f",
                                DockerDir.path(dockerfile).toString(),
                                "--build-arg",
                                "JARS=prebuilt",
                                "--build-arg",
                                "RUNTIME_IMAGE=" + BASE,
                                "-t",
                                tag,
                                DockerDir.repository(".").toString()))
                .requireSuccess();
    }
}
