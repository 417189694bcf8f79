package dev.vigil.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandSignaturesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T17:00:00.123456Z");
    private final KeyPair collector = CommandKeys.generate();
    private final WireCodec codec = new WireCodec();

    private Command unsigned() {
        var args = Json.object();
        args.put("hold_s", 30);
        args.putObject("nested").put("b", 1).put("a", "x");
        return new Command(
                1, new EventIds().next(), "acme-hq", T0, T0.plusSeconds(600), "alice", "failover_drill", args, null);
    }

    @Test
    void sign_thenEncodeAndDecode_verifiesWithThePublicKey() throws Exception {
        Command signed = CommandSignatures.sign(unsigned(), collector.getPrivate());

        Command received = codec.decode(PayloadKind.COMMAND, codec.encode(signed));

        assertThat(received.issuedAt()).isEqualTo(Instant.parse("2026-12-07T17:00:00.123Z"));
        assertThat(CommandSignatures.verifies(received, collector.getPublic())).isTrue();
    }

    @Test
    void verifies_argsWrittenInAnotherKeyOrder_stillVerifies() throws Exception {
        Command signed = CommandSignatures.sign(unsigned(), collector.getPrivate());
        String json = codec.encodeToString(signed).replace("\"b\":1,\"a\":\"x\"", "\"a\":\"x\",\"b\":1");

        Command received = codec.decode(PayloadKind.COMMAND, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(CommandSignatures.verifies(received, collector.getPublic())).isTrue();
    }

    @Test
    void verifies_anyFieldChanged_fails() {
        Command signed = CommandSignatures.sign(unsigned(), collector.getPrivate());
        var otherArgs = signed.args().deepCopy().put("hold_s", 31);

        assertThat(CommandSignatures.verifies(
                        new Command(
                                1,
                                signed.id(),
                                "other",
                                signed.issuedAt(),
                                signed.expiresAt(),
                                "alice",
                                signed.action(),
                                signed.args(),
                                signed.sig()),
                        collector.getPublic()))
                .isFalse();
        assertThat(CommandSignatures.verifies(
                        new Command(
                                1,
                                signed.id(),
                                signed.site(),
                                signed.issuedAt(),
                                signed.expiresAt().plusSeconds(1),
                                "alice",
                                signed.action(),
                                signed.args(),
                                signed.sig()),
                        collector.getPublic()))
                .isFalse();
        assertThat(CommandSignatures.verifies(
                        new Command(
                                1,
                                signed.id(),
                                signed.site(),
                                signed.issuedAt(),
                                signed.expiresAt(),
                                "alice",
                                signed.action(),
                                otherArgs,
                                signed.sig()),
                        collector.getPublic()))
                .isFalse();
    }

    @Test
    void verifies_otherKeyOrNoSignature_fails() {
        Command signed =
                CommandSignatures.sign(unsigned(), CommandKeys.generate().getPrivate());

        assertThat(CommandSignatures.verifies(signed, collector.getPublic())).isFalse();
        assertThat(CommandSignatures.verifies(signed.withSig(null), collector.getPublic()))
                .isFalse();
        assertThat(CommandSignatures.verifies(signed.withSig("not base64 !"), collector.getPublic()))
                .isFalse();
    }

    @Test
    void keys_roundTripAsText() {
        var publicKey = CommandKeys.parsePublicKey(CommandKeys.publicKeyText(collector.getPublic()));
        var privateKey = CommandKeys.parsePrivateKey(CommandKeys.privateKeyPem(collector.getPrivate()));
        Command signed = CommandSignatures.sign(unsigned(), privateKey);

        assertThat(CommandKeys.publicKeyText(collector.getPublic()))
                .startsWith("MCowBQYDK2VwAyEA")
                .hasSize(60);
        assertThat(CommandSignatures.verifies(signed, publicKey)).isTrue();
    }

    @Test
    void parsePublicKey_garbage_saysWhatIsWrongWithoutEchoing() {
        assertThatThrownBy(() -> CommandKeys.parsePublicKey("s3cret!!"))
                .hasMessage("is not base64: expected an Ed25519 public key");
        assertThatThrownBy(() -> CommandKeys.parsePublicKey("AAAA"))
                .hasMessageContaining("is not an Ed25519 public key");
        assertThatThrownBy(() -> CommandKeys.parsePublicKey(" ")).hasMessageContaining("is empty");
    }
}
