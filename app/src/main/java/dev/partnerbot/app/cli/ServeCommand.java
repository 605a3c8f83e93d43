package dev.partnerbot.app.cli;

import dev.partnerbot.app.server.BotServer;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code ./partnerbot serve}: the bot server with Slack, Teams, health and metrics. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the bot server (Slack, Teams, /healthz, /metrics) on PORT (default 3000).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws Exception {
        Settings settings = SettingsLoader.fromEnvironment();
        BotServer server = BotServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: no new requests, finishing in-flight work (up to {} s)",
                    settings.shutdownTimeout().toSeconds());
            server.close();
            log.info("stopped");
            stopped.countDown();
        }, "shutdown"));
        server.join();
        stopped.await();
        return 0;
    }
}
