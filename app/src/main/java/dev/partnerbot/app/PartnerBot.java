package dev.partnerbot.app;

import dev.partnerbot.app.cli.ChatCommand;
import dev.partnerbot.app.cli.EvaluateCommand;
import dev.partnerbot.app.cli.InterpretCommand;
import dev.partnerbot.app.cli.ServeCommand;
import dev.partnerbot.app.cli.TipsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./partnerbot}: the command line of the bot. */
@Command(name = "partnerbot",
        mixinStandardHelpOptions = true,
        versionProvider = PartnerBot.Version.class,
        description = "PartnerBot helps agency staff turn demanding clients into partners.",
        subcommands = {
            ChatCommand.class,
            InterpretCommand.class,
            EvaluateCommand.class,
            ServeCommand.class,
            TipsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PartnerBot implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Logging configuration of every command but {@code serve}: library lines to a file, errors to stderr. */
    static final String CLI_LOGGING = "logback-cli.xml";

    public static void main(String[] args) {
        if (!isServe(args) && System.getProperty("logback.configurationFile") == null) {
            // Chosen before anything creates a logger, so that tips, chat, interpret and evaluate print
            // their own output only; serve keeps one line per event on stderr (logback.xml).
            System.setProperty("logback.configurationFile", CLI_LOGGING);
        }
        System.exit(run(args));
    }

    static boolean isServe(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a.equals("serve");
            }
        }
        return false;
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new PartnerBot());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("partnerbot: " + ex.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PartnerBot.class.getPackage().getImplementationVersion();
            return new String[] {"partnerbot " + (v == null ? "development build" : v)};
        }
    }
}
