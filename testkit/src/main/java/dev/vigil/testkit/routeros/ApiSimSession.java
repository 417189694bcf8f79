package dev.vigil.testkit.routeros;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One client connection to the simulated binary API: login, tagged commands, streaming {@code /ping}, {@code /cancel}. */
final class ApiSimSession implements Runnable {
    private final Socket socket;
    private final RouterOsSim sim;
    private final ScheduledExecutorService streams;
    private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> silent = new ConcurrentHashMap<>();
    private OutputStream out;
    private boolean loggedIn;
    private byte[] challenge;

    ApiSimSession(Socket socket, RouterOsSim sim, ScheduledExecutorService streams) {
        this.socket = socket;
        this.sim = sim;
        this.streams = streams;
    }

    @Override
    public void run() {
        try (socket) {
            out = socket.getOutputStream();
            DataInputStream in = SimWire.data(socket.getInputStream());
            List<String> words;
            while ((words = SimWire.readSentence(in)) != null) {
                if (!handle(words)) {
                    return;
                }
            }
        } catch (IOException e) {
            // client went away or sent garbage: the session ends, as on a router
        } finally {
            running.values().forEach(f -> f.cancel(false));
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private boolean handle(List<String> words) throws IOException {
        String command = words.get(0);
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>();
        String tag = null;
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("=")) {
                int eq = word.indexOf('=', 1);
                attributes.put(
                        eq < 0 ? word.substring(1) : word.substring(1, eq), eq < 0 ? "" : word.substring(eq + 1));
            } else if (word.startsWith("?")) {
                queries.add(word.substring(1));
            } else if (word.startsWith(".tag=")) {
                tag = word.substring(5);
            }
        }
        if (command.equals("/login")) {
            return login(attributes, tag);
        }
        if (!loggedIn) {
            send(List.of("!fatal", "not logged in"));
            return false;
        }
        if (command.equals("/cancel")) {
            cancel(attributes.get("tag"), tag);
            return true;
        }
        if (command.equals("/quit")) {
            send(List.of("!fatal", "session terminated on request"));
            return false;
        }
        return execute(command, attributes, queries, tag);
    }

    private boolean execute(String command, Map<String, String> attributes, List<String> queries, String tag)
            throws IOException {
        sim.commandsReceived.incrementAndGet();
        switch (sim.misbehaviour()) {
            case GARBAGE -> {
                write(new byte[] {(byte) 0xF9, 0x13, 0x37, (byte) 0xFF, 0x00, 0x42});
                return true;
            }
            case CLOSE_MID_SENTENCE -> {
                byte[] whole = SimWire.sentence(List.of("!re", "=name=vrrp1", ".tag=" + tag));
                write(java.util.Arrays.copyOf(whole, whole.length / 2));
                return false;
            }
            case FIVE_BYTE_LENGTH -> {
                write(new byte[] {(byte) 0xF0, 0x10, 0x00, 0x00, 0x00, '!', 'r', 'e'});
                return true;
            }
            case NEVER_ANSWER -> {
                silent.put(String.valueOf(tag), true);
                return true;
            }
            case MULTI_TRAP -> {
                send(tagged(List.of("!trap", "=category=1", "=message=first problem"), tag));
                send(tagged(List.of("!trap", "=category=4", "=message=second problem"), tag));
                send(tagged(List.of("!done"), tag));
                return true;
            }
            case FATAL -> {
                send(List.of("!fatal", "too many commands before login"));
                return false;
            }
            case REFUSE_EXPORT -> {
                if (command.equals("/export")) {
                    send(tagged(List.of("!trap", "=message=" + RouterOsSim.EXPORT_REFUSAL), tag));
                    send(tagged(List.of("!done"), tag));
                    return true;
                }
            }
            case DROP_DURING_EXPORT -> {
                if (command.startsWith(SimRouter.FILE + "/")) {
                    byte[] whole =
                            SimWire.sentence(List.of("!re", "=name=vigil-export.rsc", "=contents=# 20", ".tag=" + tag));
                    write(java.util.Arrays.copyOf(whole, whole.length / 2));
                    return false;
                }
            }
            default -> {
                // answer normally
            }
        }
        if (command.equals("/ping")) {
            ping(attributes, tag);
            return true;
        }
        SimResult result = sim.router().execute(command, attributes, queries);
        for (Map<String, String> item : result.items()) {
            send(tagged(words("!re", item), tag));
        }
        if (result.items().isEmpty()
                && result.traps().isEmpty()
                && result.done().isEmpty()
                && sim.sendsEmpty()
                && (command.endsWith("/print") || command.endsWith("/getall"))) {
            send(tagged(List.of("!empty"), tag));
        }
        for (Map<String, String> trap : result.traps()) {
            send(tagged(words("!trap", trap), tag));
        }
        send(tagged(words("!done", result.done()), tag));
        return true;
    }

    private boolean login(Map<String, String> attributes, String tag) throws IOException {
        if (sim.legacyLogin() && attributes.containsKey("response")) {
            boolean ok = challenge != null
                    && sim.user().equals(attributes.get("name"))
                    && ("00" + md5Hex(sim.password(), challenge)).equals(attributes.get("response"));
            return loginResult(ok, tag);
        }
        if (sim.legacyLogin()) {
            challenge = new byte[16];
            new SecureRandom().nextBytes(challenge);
            send(tagged(List.of("!done", "=ret=" + HexFormat.of().formatHex(challenge)), tag));
            return true;
        }
        return loginResult(
                sim.user().equals(attributes.get("name")) && sim.password().equals(attributes.get("password")), tag);
    }

    private boolean loginResult(boolean ok, String tag) throws IOException {
        if (ok) {
            loggedIn = true;
        } else {
            send(tagged(List.of("!trap", "=message=invalid user name or password (6)"), tag));
        }
        send(tagged(List.of("!done"), tag));
        return true;
    }

    private void ping(Map<String, String> attributes, String tag) {
        String address = attributes.getOrDefault("address", "");
        int count = Integer.parseInt(attributes.getOrDefault("count", "0"));
        int[] state = new int[2]; // seq, received
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = streams.scheduleAtFixedRate(
                () -> {
                    try {
                        synchronized (state) {
                            Map<String, String> reply = sim.router().pingReply(address, state[0], state[1]);
                            state[1] = Integer.parseInt(reply.get("received"));
                            state[0]++;
                            send(tagged(words("!re", reply), tag));
                            if (count > 0 && state[0] >= count) {
                                send(tagged(List.of("!done"), tag));
                                running.remove(String.valueOf(tag)).cancel(false);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        running.remove(String.valueOf(tag));
                        throw new IllegalStateException(e);
                    }
                },
                0,
                sim.pingInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        running.put(String.valueOf(tag), self[0]);
    }

    private void cancel(String target, String tag) throws IOException {
        List<String> targets = target == null ? new ArrayList<>(running.keySet()) : List.of(target);
        if (target == null) {
            targets.addAll(silent.keySet());
        }
        for (String t : targets) {
            ScheduledFuture<?> stream = running.remove(t);
            boolean wasSilent = silent.remove(t) != null;
            if (stream != null || wasSilent) {
                if (stream != null) {
                    stream.cancel(false);
                }
                sim.cancels.incrementAndGet();
                send(tagged(List.of("!trap", "=category=2", "=message=interrupted"), t));
                send(tagged(List.of("!done"), t));
            }
        }
        send(tagged(List.of("!done"), tag));
    }

    private static List<String> words(String type, Map<String, String> attributes) {
        List<String> words = new ArrayList<>();
        words.add(type);
        attributes.forEach((k, v) -> words.add("=" + k + "=" + v));
        return words;
    }

    private static List<String> tagged(List<String> words, String tag) {
        if (tag == null) {
            return words;
        }
        List<String> out = new ArrayList<>(words);
        out.add(".tag=" + tag);
        return out;
    }

    private void send(List<String> words) throws IOException {
        write(SimWire.sentence(words));
    }

    private void write(byte[] bytes) throws IOException {
        synchronized (this) {
            out.write(bytes);
            out.flush();
        }
    }

    static String md5Hex(String password, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(new byte[] {0});
            md5.update(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md5.update(challenge);
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
