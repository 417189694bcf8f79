package dev.vigil.collector.configs;

/** A router of a site with its latest configuration version and how many versions are kept. */
public record RouterHistory(String router, int versions, ConfigVersion latest) {}
