package dev.vigil.collector.cluster;

/** Sites hashed into a fixed number of partitions; a partition is the unit a collector owns. */
public final class Partitions {
    /** More partitions than collectors anyone runs, few enough to take them all in one round of locks. */
    public static final int COUNT = 16;

    private Partitions() {}

    /** String.hashCode is specified by the JLS, so every collector (and version) agrees. */
    public static int of(String site) {
        return Math.floorMod(site.hashCode(), COUNT);
    }
}
