package dev.partnerbot.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: JSON with overall status, which adapters are on, and whether the database answers. */
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Map<String, Boolean> adapters;
    private final transient BooleanSupplier databaseReachable;

    public HealthServlet(Map<String, Boolean> adapters, BooleanSupplier databaseReachable) {
        this.adapters = Map.copyOf(adapters);
        this.databaseReachable = databaseReachable;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean db = databaseReachable.getAsBoolean();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", db ? "ok" : "degraded");
        ObjectNode a = body.putObject("adapters");
        new java.util.TreeMap<>(adapters).forEach(a::put);
        body.putObject("database").put("reachable", db);
        resp.setStatus(db ? 200 : 503);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
