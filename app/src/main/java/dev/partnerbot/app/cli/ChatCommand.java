package dev.partnerbot.app.cli;

import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./partnerbot chat}: talk to the bot in the terminal, one message per line. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Console chat, no chat platform or credentials needed. One message per line;",
            "/more for another draft, /warmer or /firmer for another tone, /quit (or end of input) to leave."})
public final class ChatCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        boolean interactive = System.console() != null;
        try (Coach coach = Coach.load()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (interactive) {
                out.println("PartnerBot: tell me what your client did (/quit to leave).");
            }
            String last = null;
            int round = 0;
            while (true) {
                if (interactive) {
                    out.print("> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null || line.strip().equals("/quit")) {
                    return 0;
                }
                String command = line.strip();
                if (command.isEmpty()) {
                    continue;
                }
                Answer answer;
                if (last != null && (command.equals("/more") || command.equals("/warmer") || command.equals("/firmer"))) {
                    round++;
                    Optional<Tone> tone = command.equals("/warmer") ? Optional.of(Tone.WARM)
                            : command.equals("/firmer") ? Optional.of(Tone.FIRM) : Optional.empty();
                    answer = coach.answer(last, round, tone);
                } else {
                    last = line;
                    round = 0;
                    answer = coach.answer(line);
                }
                out.println(ConsoleCard.render(answer, coach));
                out.println();
            }
        }
    }
}
