package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A command that passed verification (signature, expiry, replay, site), as an action sees it. */
public record CommandRequest(
        String id, String action, ObjectNode args, String issuer, Instant issuedAt, Instant expiresAt) {}
