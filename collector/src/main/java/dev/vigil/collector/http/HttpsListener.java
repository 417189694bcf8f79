package dev.vigil.collector.http;

import java.nio.file.Path;

/** A second, HTTPS-only listener of the API and dashboard: PEM certificate chain and key, same routes. */
public record HttpsListener(int port, Path certFile, Path keyFile) {}
