package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT of one page of {@link EventQuery}: newest first, by walking (site, id) backwards until the page is full.
 * {@code ORDER BY site DESC, id DESC} is what lets H2 read that index in reverse (with {@code ORDER BY id DESC} alone
 * it reads every row of the site and sorts them). {@code from}/{@code to} also bound the id, through the site's
 * {@link IdTimeRange}, so a time range is an index range too.
 */
record EventSelect(String sql, List<Object> args) {
    static EventSelect of(EventQuery q, IdTimeRange range) {
        StringBuilder sql = new StringBuilder("SELECT id, payload FROM events WHERE site = ?");
        List<Object> args = new ArrayList<>(List.of(q.site()));
        if (q.from() != null) {
            sql.append(" AND event_time >= ?");
            args.add(q.from().toEpochMilli());
            String idFrom = range.idFrom(q.from().toEpochMilli());
            if (idFrom != null) {
                sql.append(" AND id >= ?");
                args.add(idFrom);
            }
        }
        if (q.to() != null) {
            sql.append(" AND event_time <= ?");
            args.add(q.to().toEpochMilli());
            String idAfter = range.idAfter(q.to().toEpochMilli());
            if (idAfter != null) {
                sql.append(" AND id < ?");
                args.add(idAfter);
            }
        }
        if (q.type() != null && q.type().endsWith(".*")) {
            sql.append(" AND event_type LIKE ? ESCAPE '!'");
            args.add(escapeLike(q.type().substring(0, q.type().length() - 1)) + "%");
        } else if (q.type() != null) {
            sql.append(" AND event_type = ?");
            args.add(q.type());
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY site DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return new EventSelect(sql.toString(), List.copyOf(args));
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
