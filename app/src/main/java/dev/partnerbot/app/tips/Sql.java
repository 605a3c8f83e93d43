package dev.partnerbot.app.tips;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JDBC conversions shared by the tip tables; TIMESTAMP WITH TIME ZONE works alike on H2 and PostgreSQL. */
final class Sql {
    /** SQLSTATE of a unique-constraint violation, on both H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Keeps a free-text reason to the column width and to a safe alphabet (platform error codes only). */
    static String reason(String reason) {
        if (reason == null) {
            return null;
        }
        String safe = reason.replaceAll("[^A-Za-z0-9_:.\\- ]", "_");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }
}
