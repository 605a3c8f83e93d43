package dev.partnerbot.app.cli;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Help;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./partnerbot chat}: talk to the bot in the terminal, one message per line. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talk to the bot in the terminal, no chat platform or credentials needed.",
            "One message per line; /more for another draft, /warmer or /firmer for another tone, /quit (or end of input) to leave."})
public final class ChatCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        boolean interactive = System.console() != null;
        try (Coach coach = Coach.load()) {
            dev.partnerbot.config.Settings.Llm llm = dev.partnerbot.config.SettingsLoader.fromEnvironment().llm();
            dev.partnerbot.app.llm.TailoringSetup.noticeWithoutConsent(llm, System.err);
            java.util.Optional<dev.partnerbot.llm.LlmTailor> tailor = dev.partnerbot.app.llm.TailoringSetup.apply(
                    llm, coach, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (interactive) {
                out.println("PartnerBot: tell me what your client did (/quit to leave).");
            }
            converse(coach, in, out, interactive);
            tailor.ifPresent(dev.partnerbot.llm.LlmTailor::close);
            return 0;
        }
    }

    /**
     * The conversation loop: one message per line until end of input or {@code /quit}. {@code /more},
     * {@code /warmer} and {@code /firmer} redraft the last suggestion; when there is none yet (nothing said,
     * or the last answer was help) they say so instead of answering the command as a message.
     */
    static void converse(Coach coach, BufferedReader in, PrintWriter out, boolean interactive) throws java.io.IOException {
        String last = null;
        Language language = Language.EN;
        int round = 0;
        while (true) {
            if (interactive) {
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null || line.strip().equals("/quit")) {
                return;
            }
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            Answer answer;
            if (command.equals("/more") || command.equals("/warmer") || command.equals("/firmer")) {
                if (last == null) {
                    out.println(coach.playbook(language).label("nothing_to_redraft"));
                    out.println();
                    continue;
                }
                round++;
                Optional<Tone> tone = command.equals("/warmer") ? Optional.of(Tone.WARM)
                        : command.equals("/firmer") ? Optional.of(Tone.FIRM) : Optional.empty();
                answer = coach.tailor(last, coach.answer(last, round, tone), round).answer();
            } else {
                round = 0;
                answer = coach.answer(line);
                last = answer instanceof Help ? null : line;
                answer = coach.tailor(line, answer, 0).answer();
            }
            language = answer.language();
            out.println(ConsoleCard.render(answer, coach));
            out.println();
        }
    }
}
