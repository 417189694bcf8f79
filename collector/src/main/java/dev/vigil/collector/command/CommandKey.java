package dev.vigil.collector.command;

import dev.vigil.protocol.CommandKeys;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The collector's Ed25519 command key: the private key as PKCS#8 PEM in a file only its owner may read (0600), the
 * public key as one line of text in a file beside it ({@link #publicFileOf}). Created on first use.
 */
public final class CommandKey {
    private static final System.Logger LOG = System.getLogger(CommandKey.class.getName());
    public static final String DEFAULT_FILE = "command-key.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path file;

    private CommandKey(PrivateKey privateKey, PublicKey publicKey, Path file) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.file = file;
    }

    /**
     * Reads the pair, or creates it when the private key file does not exist yet.
     *
     * @throws IllegalStateException naming the file and what is wrong with it (never its content)
     */
    public static CommandKey loadOrCreate(Path file) {
        Path pub = publicFileOf(file);
        if (!Files.exists(file)) {
            if (Files.exists(pub)) {
                throw new IllegalStateException("the command key " + file + " is missing but its public key " + pub
                        + " exists: restore the private key file (agents trust that public key), or delete " + pub
                        + " to make a new pair");
            }
            create(file, pub);
        }
        return read(file, pub);
    }

    /** {@code command-key.pem} → {@code command-key.pub}; another name gets {@code .pub} appended. */
    public static Path publicFileOf(Path file) {
        String name = file.getFileName().toString();
        String pubName = name.endsWith(".pem") ? name.substring(0, name.length() - 4) + ".pub" : name + ".pub";
        return file.resolveSibling(pubName);
    }

    private static void create(Path file, Path pub) {
        KeyPair pair = CommandKeys.generate();
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    CommandKeys.privateKeyPem(pair.getPrivate()),
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(pub, CommandKeys.publicKeyText(pair.getPublic()) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: read theirs
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot create the command key " + file + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "created the command key {0} and its public key {1}", file, pub);
    }

    private static CommandKey read(Path file, Path pub) {
        PrivateKey privateKey;
        PublicKey publicKey;
        try {
            privateKey = CommandKeys.parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the command key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the command key " + file + " " + e.getMessage(), e);
        }
        try {
            publicKey = CommandKeys.parsePublicKey(Files.readString(pub, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the public command key " + pub
                            + " (it belongs beside the private key; write it with 'openssl pkey -in " + file
                            + " -pubout'): " + e.getMessage(),
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the public command key " + pub + " " + e.getMessage(), e);
        }
        if (!matches(privateKey, publicKey)) {
            throw new IllegalStateException(
                    "the public command key " + pub + " does not belong to the private key " + file);
        }
        return new CommandKey(privateKey, publicKey, file);
    }

    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "vigil-command-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(publicKey);
            v.update(probe);
            return v.verify(sig);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The text for the agents' config: base64 of the X.509 SubjectPublicKeyInfo, one line. */
    public String publicKeyText() {
        return CommandKeys.publicKeyText(publicKey);
    }

    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "CommandKey[" + file + "]";
    }
}
