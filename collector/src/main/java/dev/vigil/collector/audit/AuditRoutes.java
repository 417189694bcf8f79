package dev.vigil.collector.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.store.AuditQuery;
import dev.vigil.collector.store.AuditRecord;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/audit} (JSON pages, newest first) and {@code GET /api/audit.csv}: read only, there is no route that
 * changes the audit log. Scoping (docs/audit.md): MSP staff see every entry, a customer's users only their customer's;
 * viewers only entries about a site; a site the caller cannot see answers 404.
 */
public final class AuditRoutes implements ApiModule {
    static final int PAGE = 100;
    static final int MAX_PAGE = 1000;
    static final int CSV_ROWS = 10_000;
    static final int MAX_CSV_ROWS = 100_000;
    private static final Pattern KIND = Pattern.compile("[a-z0-9_.]{1,64}");
    private static final Pattern ID = Pattern.compile("[0-9]{13}-[A-Za-z0-9_.:-]{1,100}");

    private final Vertx vertx;
    private final JdbcAuditStore store;

    public AuditRoutes(Vertx vertx, JdbcAuditStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/audit").handler(ctx -> handle(ctx, false));
        router.get("/api/audit.csv").handler(ctx -> handle(ctx, true));
    }

    private void handle(RoutingContext ctx, boolean csv) {
        if (!Callers.require(ctx, Role.VIEWER)) {
            return;
        }
        AuditQuery query;
        try {
            query = query(ctx, csv);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        if (query.site() != null && !Callers.canSee(ctx, query.site())) {
            Replies.noSuchSite(ctx, query.site());
            return;
        }
        vertx.executeBlocking(() -> store.find(query), false)
                .onSuccess(records -> {
                    if (csv) {
                        ctx.response()
                                .putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"vigil-audit.csv\"")
                                .end(AuditCsv.of(records));
                    } else {
                        Replies.json(ctx, 200, page(records, query.limit()));
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private static AuditQuery query(RoutingContext ctx, boolean csv) {
        String kind = Params.text(ctx, "kind");
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be a kind such as login.failed or a prefix such as login.");
        }
        String before = Params.text(ctx, "before");
        if (before != null && !ID.matcher(before).matches()) {
            throw new IllegalArgumentException("before must be the id of an entry (next_before of the last page)");
        }
        int limit = csv
                ? Params.integer(ctx, "limit", CSV_ROWS, 1, MAX_CSV_ROWS)
                : Params.integer(ctx, "limit", PAGE, 1, MAX_PAGE);
        return new AuditQuery(
                Params.text(ctx, "site"),
                Params.text(ctx, "actor"),
                kind,
                Params.time(ctx, "from"),
                Params.time(ctx, "to"),
                before,
                limit,
                Callers.customer(ctx),
                !Callers.role(ctx).atLeast(Role.OPERATOR));
    }

    private static ObjectNode page(List<AuditRecord> records, int limit) {
        ArrayNode entries = Json.array();
        records.forEach(r -> entries.add(json(r)));
        ObjectNode out = Json.object().set("entries", entries);
        if (records.size() == limit) {
            out.put("next_before", records.get(records.size() - 1).id());
        }
        return out;
    }

    static ObjectNode json(AuditRecord r) {
        ObjectNode o = Json.object()
                .put("id", r.id())
                .put("time", r.time().toString())
                .put("kind", r.kind())
                .put("actor", r.actor())
                .put("site", r.site())
                .put("customer", r.customer())
                .put("outcome", r.outcome())
                .put("summary", r.summary());
        o.set("details", WireCodec.readTree(r.details()));
        return o.put("source", r.source());
    }
}
