package dev.vigil.packaging.docker.testing;

import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Debian's mosquitto running docker/mosquitto/mosquitto.conf and its ACL as shipped, with only the container paths
 * moved into a temporary directory and the listener moved to a free loopback port.
 */
public final class ShippedMosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private ShippedMosquitto(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts the broker with these user/password pairs in its password file. */
    public static ShippedMosquitto start(Map<String, String> users) {
        Prerequisites.requireCommand("mosquitto", "mosquitto");
        Prerequisites.requireCommand("mosquitto_passwd", "mosquitto");
        try {
            Path dir = Files.createTempDirectory("vigil-shipped-mosquitto-");
            Files.createDirectories(dir.resolve("data"));
            Files.copy(DockerDir.path("mosquitto/acl"), dir.resolve("acl"));
            Path passwd = dir.resolve("passwd");
            Files.writeString(passwd, "", StandardCharsets.UTF_8);
            users.forEach((user, password) -> Commands.run("mosquitto_passwd", "-b", passwd.toString(), user, password)
                    .requireSuccess());
            int port = FreePorts.next();
            String conf = DockerDir.read("mosquitto/mosquitto.conf")
                    .replace("/mosquitto/config/", dir + "/")
                    .replace("/mosquitto/data/", dir.resolve("data") + "/")
                    .replace("\nlistener 1883\n", "\nlistener " + port + " 127.0.0.1\n");
            if (!conf.contains("listener " + port + " 127.0.0.1")) {
                throw new IllegalStateException("mosquitto.conf has no 'listener 1883' line to move");
            }
            Path confFile = dir.resolve("mosquitto.conf");
            Files.writeString(confFile, conf, StandardCharsets.UTF_8);
            // Started as root, mosquitto drops to the "mosquitto" user before it reads the password file.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("rwxrwxrwx"));
            for (String file : new String[] {"passwd", "acl", "mosquitto.conf"}) {
                Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
            }
            Process process = new ProcessBuilder("mosquitto", "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
            ShippedMosquitto broker = new ShippedMosquitto(dir, port, process);
            try {
                broker.awaitListening();
            } catch (RuntimeException e) {
                String log = broker.log();
                broker.close();
                throw new IllegalStateException("the shipped mosquitto.conf did not start: " + log, e);
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        Awaitility.await("mosquitto listening on " + port)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited");
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DockerDir.deleteTree(dir);
    }
}
