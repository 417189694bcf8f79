package dev.vigil.collector.store;

/** Another collector moved a partition's reaction cursor: this one no longer owns the partition. */
public final class LostPartitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int partition;

    public LostPartitionException(int partition) {
        super("partition " + partition + " was taken over by another collector");
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }
}
