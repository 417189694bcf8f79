package dev.vigil.collector.store;

import java.util.List;

/** Notification channels. Blocking: call from a worker. */
public interface ChannelStore {
    /** Adds the channel; a {@link StoreException} when its id or name is taken. */
    void insert(ChannelRecord channel);

    /** False when no channel has that id. */
    boolean delete(String id);

    List<ChannelRecord> all();
}
