package dev.vigil.agent.vrrp.decode;

import java.time.Instant;

/** What one captured frame turned out to be: a VRRP advert, a CARP advert, or a rejection with its reason. */
public sealed interface Decoded permits Advert, CarpAdvert, Rejection {
    Instant time();
}
