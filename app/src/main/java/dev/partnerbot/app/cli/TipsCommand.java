package dev.partnerbot.app.cli;

import picocli.CommandLine.Command;

/** {@code ./partnerbot tips ...}: manage weekly-tip schedules from the command line. */
@Command(name = "tips", mixinStandardHelpOptions = true,
        description = "Manage weekly-tip schedules (schedule, list, pause, resume, cancel, preview, send-now).")
public final class TipsCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("partnerbot: weekly tip scheduling is not available in this version yet");
        return 1;
    }
}
