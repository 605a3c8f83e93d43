package dev.partnerbot.slack.home;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.slack.cards.Mrkdwn;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Home tab, published with {@code views.publish} whenever a user opens it: how to use the bot
 * with examples, the five principles, then whatever {@link HomeExtras} supplies.
 */
public final class AppHome implements BoltEventHandler<AppHomeOpenedEvent> {
    /** Home tab limit (Block Kit reference). */
    public static final int MAX_BLOCKS = 100;

    private final Coach coach;
    private final HomeExtras extras;
    private final Background background;
    private final WebApi webApi;

    public AppHome(Coach coach, HomeExtras extras, Background background, WebApi webApi) {
        this.coach = coach;
        this.extras = extras;
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    public com.slack.api.bolt.response.Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent e = payload.getEvent();
        if (!"home".equals(e.getTab()) || e.getUser() == null) {
            return ctx.ack();
        }
        String teamId = ctx.getTeamId();
        String user = e.getUser();
        MethodsClient client = ctx.client();
        background.submit("app_home_opened", () -> {
            View home = view(Language.EN, teamId, user);
            webApi.call("views.publish", WebApi.Repeat.SAFE, () -> client.viewsPublish(r -> r.userId(user).view(home)));
        });
        return ctx.ack();
    }

    /** The Home tab for a user. */
    public View view(Language language, String teamId, String userId) {
        Playbook playbook = coach.playbook(language);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("PartnerBot"))));
        blocks.add(section(s -> s.text(markdownText(clip(Mrkdwn.escape(playbook.help().text()))))));
        coach.tailorModel().ifPresent(model -> blocks.add(context(c -> c.elements(List.<com.slack.api.model.block.ContextBlockElement>of(
                markdownText(Mrkdwn.escape(playbook.label("llm_notice").replace("{model}", model))))))));
        String examples = playbook.help().examples().stream()
                .map(x -> "• /partner " + Mrkdwn.escape(x)).collect(Collectors.joining("\n"));
        if (!examples.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(clip(examples)))));
        }
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText("*" + Mrkdwn.escape(playbook.label("principles")) + "*"))));
        for (Principle p : Principle.values()) {
            Playbook.PrincipleText text = playbook.principle(p);
            String body = "*" + Mrkdwn.escape(text.name()) + "*\n" + Mrkdwn.escape(text.explanation());
            blocks.add(section(s -> s.text(markdownText(clip(body)))));
        }
        extras.weeklyTip(teamId, language).ifPresent(tip -> {
            blocks.add(divider());
            blocks.add(section(s -> s.text(markdownText(clip(tip)))));
        });
        extras.managerSchedule(teamId, userId, language).ifPresent(schedule -> {
            blocks.add(divider());
            blocks.add(section(s -> s.text(markdownText(clip(schedule)))));
        });
        return com.slack.api.model.view.Views.view(v -> v.type("home").blocks(blocks.size() > MAX_BLOCKS ? blocks.subList(0, MAX_BLOCKS) : blocks));
    }

    private static String clip(String text) {
        return Mrkdwn.clip(text, Mrkdwn.SECTION_TEXT_MAX);
    }
}
