package dev.partnerbot.slack.command;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.interpret.LanguageDetector;
import dev.partnerbot.slack.SlackText;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.Optional;

/**
 * {@code /partner <what the client did>}: acknowledged at once with an empty body, answered a
 * moment later through the command's {@code response_url} as an ephemeral card. {@code /partner}
 * alone or {@code /partner help} gets the usage with examples (the coach decides).
 */
public final class PartnerCommand implements SlashCommandHandler {
    public static final String COMMAND = "/partner";

    private final Coach coach;
    private final AnswerCard cards;
    private final Background background;
    private final WebApi webApi;

    public PartnerCommand(Coach coach, AnswerCard cards, Background background, WebApi webApi) {
        this.coach = coach;
        this.cards = cards;
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        String text = SlackText.plain(req.getPayload().getText());
        boolean queued = background.submit("/partner", () -> {
            Answer answer = coach.answer(text);
            String token = coach.remember(text);
            AnswerCard.Card card = cards.render(answer, AnswerCard.seedOf(text), Optional.empty(), null, token);
            webApi.respond("/partner", () -> ctx.respond(SlashCommandResponse.builder()
                    .responseType("ephemeral").text(card.text()).blocks(card.blocks()).build()));
            // With a language model on: the same ephemeral message is replaced by the tailored answer.
            Coach.Tailoring tailored = coach.tailor(text, answer, 0);
            if (tailored.replaces(answer)) {
                AnswerCard.Card better = cards.render(tailored.answer(), AnswerCard.seedOf(text), Optional.empty(), null, token);
                webApi.respond("/partner tailored", () -> ctx.getResponder().send(ActionResponse.builder()
                        .responseType("ephemeral").replaceOriginal(true).text(better.text()).blocks(better.blocks()).build()));
            }
        });
        if (!queued) {
            return ctx.ack(cards.label(language(text), "busy"));
        }
        return ctx.ack();
    }

    private static Language language(String text) {
        return text.isBlank() ? Language.EN : LanguageDetector.detect(text);
    }
}
