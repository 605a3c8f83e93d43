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
import dev.partnerbot.app.llm.TailoringSetup;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.llm.LlmTailor;
import java.util.Optional;

/** {@code ./partnerbot interpret}: the suggestion for one message, or JSON Lines in batch. */
@Command(name = "interpret", mixinStandardHelpOptions = true,
        description = {"Print the suggestion for one message, human-readable.",
            "With --jsonl, answer JSON Lines {\"id\": ..., \"text\": ...} read from standard input."})
public final class InterpretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jsonl", description = "Batch mode: one JSON object per input line, one JSON line out, e.g. printf '{\"id\":\"a\",\"text\":\"...\"}\\n' | partnerbot interpret --jsonl")
    boolean jsonl;

    @Option(names = "--offline", description = "Answer without the configured language model (PARTNERBOT_LLM_*), e.g. interpret --offline --jsonl")
    boolean offline;

    @Option(names = "--show-prompt", description = "Print the exact request body that would be sent to the configured "
            + "language model for TEXT (never the API key) and send nothing, e.g. interpret --show-prompt \"they pay, so obey\"")
    boolean showPrompt;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "What the client did, in English or Chinese, e.g. \"They want the deck by 8am, brief came at 10pm\"")
    String text;

    @Override
    public Integer call() throws Exception {
        if (jsonl == (text != null)) {
            throw new ParameterException(spec.commandLine(), "give either TEXT or --jsonl (not both)");
        }
        if (showPrompt && text == null) {
            throw new ParameterException(spec.commandLine(), "--show-prompt needs TEXT");
        }
        Settings.Llm llm = SettingsLoader.fromEnvironment().llm();
        if (showPrompt && !llm.configured()) {
            throw new ParameterException(spec.commandLine(),
                    "--show-prompt needs a language model: set PARTNERBOT_LLM_PROVIDER (openai, azure or ollama) and PARTNERBOT_LLM_MODEL");
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        try (Coach coach = Coach.load()) {
            if (showPrompt) {
                Answer offlineAnswer = coach.answer(text);
                out.println(LlmTailor.requestBody(llm, TailoringSetup.prompt(coach), coach.tailorRequest(text, offlineAnswer, 0)));
                return 0;
            }
            if (!offline) {
                TailoringSetup.noticeWithoutConsent(llm, System.err);
            }
            Optional<LlmTailor> tailor = offline ? Optional.empty()
                    : TailoringSetup.apply(llm, coach, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            boolean mark = llm.configured();
            if (text != null) {
                Answer answer = coach.answer(text);
                out.println(ConsoleCard.render(coach.tailor(text, answer, 0).answer(), coach));
                tailor.ifPresent(LlmTailor::close);
                return 0;
            }
            JsonLines.answerAll(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, coach, mark);
            tailor.ifPresent(LlmTailor::close);
        }
        return 0;
    }
}
