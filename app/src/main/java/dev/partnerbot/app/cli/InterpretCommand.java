package dev.partnerbot.app.cli;

import dev.partnerbot.core.coach.Coach;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code ./partnerbot interpret}: the suggestion for one message, or JSON Lines in batch. */
@Command(name = "interpret", mixinStandardHelpOptions = true,
        description = {"Print the suggestion for one message (human-readable),",
            "or, with --jsonl, answer JSON Lines {\"id\": ..., \"text\": ...} read from standard input."})
public final class InterpretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jsonl", description = "Batch mode: one JSON object per input line, one JSON line out, e.g. printf '{\"id\":\"a\",\"text\":\"...\"}\\n' | partnerbot interpret --jsonl")
    boolean jsonl;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "What the client did, in English or Chinese, e.g. \"They want the deck by 8am, brief came at 10pm\"")
    String text;

    @Override
    public Integer call() throws Exception {
        if (jsonl == (text != null)) {
            throw new ParameterException(spec.commandLine(), "give either TEXT or --jsonl (not both)");
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        try (Coach coach = Coach.load()) {
            if (text != null) {
                out.println(ConsoleCard.render(coach.answer(text), coach));
                return 0;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.println(JsonLines.answer(line, coach));
            }
        }
        return 0;
    }
}
