package dev.vigil.testkit.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as its own process, spoken to with raw words. */
class RouterOsSimMainTest {

    @Test
    void main_v6LegacyLogin_listensAndAnswersChallengeThenPrint(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sim.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sim = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        System.getProperty("java.class.path"),
                        RouterOsSimMain.class.getName(),
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--personality",
                        "v6",
                        "--legacy-login",
                        "--master")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Pattern ready = Pattern.compile("READY api=(\\d+)");
            int port = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                Matcher m = ready.matcher(Files.readString(log, StandardCharsets.UTF_8));
                                return m.find() ? Integer.parseInt(m.group(1)) : -1;
                            },
                            p -> p > 0);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                DataInputStream in = SimWire.data(socket.getInputStream());
                socket.getOutputStream().write(SimWire.sentence(List.of("/login", "=name=vigil", "=password=vigil")));
                List<String> challenge = SimWire.readSentence(in);
                assertThat(challenge.get(0)).isEqualTo("!done");
                String hex = challenge.get(1).substring("=ret=".length());
                String response =
                        "00" + ApiSimSession.md5Hex("vigil", HexFormat.of().parseHex(hex));
                socket.getOutputStream()
                        .write(SimWire.sentence(List.of("/login", "=name=vigil", "=response=" + response)));
                assertThat(SimWire.readSentence(in)).containsExactly("!done");
                socket.getOutputStream()
                        .write(SimWire.sentence(List.of("/system/resource/print", "=.proplist=version", ".tag=a")));
                assertThat(SimWire.readSentence(in)).containsExactly("!re", "=version=6.42.12 (long-term)", ".tag=a");
                assertThat(SimWire.readSentence(in)).containsExactly("!done", ".tag=a");
            }
        } finally {
            sim.destroy();
        }
    }
}
