package dev.partnerbot.teams.tips;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.Tip;
import dev.partnerbot.core.tips.WeeklyTip;
import java.util.Map;

/**
 * Adaptive Card (1.5) for a weekly tip: heading, each language's tip with its principle and a
 * "try this", then the discuss-in-thread prompt and the managers' opt-out hint. Wording comes
 * from the tip library and the playbook labels.
 */
public final class TipCards {
    private final Map<Language, Playbook> playbooks;
    private final ObjectMapper mapper;

    public TipCards(Map<Language, Playbook> playbooks, ObjectMapper mapper) {
        this.playbooks = Map.copyOf(playbooks);
        this.mapper = mapper;
    }

    public ObjectNode card(WeeklyTip tip) {
        ObjectNode card = mapper.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        ArrayNode body = card.putArray("body");
        Playbook first = playbooks.get(tip.tips().get(0).language());
        text(body, first.label("tip_heading")).put("size", "Large").put("weight", "Bolder");
        boolean separate = false;
        for (Tip t : tip.tips()) {
            Playbook p = playbooks.get(t.language());
            ObjectNode title = text(body, t.title()).put("weight", "Bolder").put("size", "Medium");
            if (separate) {
                title.put("separator", true).put("spacing", "Large");
            }
            separate = true;
            text(body, t.body());
            text(body, p.label("tip_try_this") + ": " + t.tryThis()).put("color", "Accent");
            text(body, p.label("principles") + ": " + p.principle(t.principle()).name())
                    .put("isSubtle", true).put("size", "Small");
        }
        for (Tip t : tip.tips()) {
            Playbook p = playbooks.get(t.language());
            text(body, p.label("tip_discuss")).put("separator", true).put("size", "Small");
            text(body, p.label("tip_opt_out_teams")).put("isSubtle", true).put("size", "Small");
        }
        return card;
    }

    private ObjectNode text(ArrayNode body, String value) {
        ObjectNode block = body.addObject();
        block.put("type", "TextBlock");
        block.put("text", value);
        block.put("wrap", true);
        return block;
    }
}
