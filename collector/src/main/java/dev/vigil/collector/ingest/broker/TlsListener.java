package dev.vigil.collector.ingest.broker;

import java.nio.file.Path;

/** A second, TLS-only listener of the embedded endpoint: PEM certificate chain and key, same auth and ACL. */
public record TlsListener(int port, Path certFile, Path keyFile) {}
