package dev.vigil.protocol;

/** A parsed topic: which site, which kind. */
public record TopicRef(String site, TopicKind kind) {}
