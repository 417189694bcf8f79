package dev.vigil.collector.store;

import java.util.List;

/** A page of events, newest first, with the cursor of the next page (null when this is the last). */
public record EventPage(List<String> eventsJson, String next) {}
