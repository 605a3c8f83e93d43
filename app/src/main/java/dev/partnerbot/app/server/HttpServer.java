package dev.partnerbot.app.server;


import io.micrometer.jetty12.server.TimedHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty server behind {@code ./partnerbot serve}. Routes are plain servlets so
 * that platform SDKs (Bolt's servlet, the Bot Framework endpoint) read the raw request body.
 * Stopping is graceful: no new connections, in-flight requests finish within the stop timeout.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static Builder builder(int port, MeterRegistry registry) {
        return new Builder(port, registry);
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("http server stop failed: {}", e.getClass().getSimpleName());
        }
    }

    public static final class Builder {
        private final int port;
        private final MeterRegistry registry;
        private final Map<String, HttpServlet> routes = new LinkedHashMap<>();
        private Duration stopTimeout = Duration.ofSeconds(20);
        private String host = null;

        private Builder(int port, MeterRegistry registry) {
            this.port = port;
            this.registry = registry;
        }

        public Builder route(String path, HttpServlet servlet) {
            routes.put(path, servlet);
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public HttpServer start() throws Exception {
            QueuedThreadPool threads = new QueuedThreadPool(200, 8);
            threads.setName("http");
            Server server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setPort(port);
            if (host != null) {
                connector.setHost(host);
            }
            server.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            routes.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

            TimedHandler timed = new TimedHandler(registry, java.util.List.of());
            timed.setHandler(context);
            GracefulHandler graceful = new GracefulHandler();
            graceful.setHandler(timed);
            server.setHandler(graceful);
            server.setStopTimeout(stopTimeout.toMillis());
            server.setStopAtShutdown(false);

            server.start();
            return new HttpServer(server, connector);
        }
    }
}
