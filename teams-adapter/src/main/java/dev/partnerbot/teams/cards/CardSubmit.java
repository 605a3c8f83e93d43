package dev.partnerbot.teams.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.SituationCards;
import dev.partnerbot.core.coach.Coach;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a button on an answer card sends back: enough to redraft or to count a vote (language,
 * behaviour and principle ids, the message's seed, the round, the ranked situation cards), never the
 * user's text.
 */
public record CardSubmit(Kind kind, Language language, List<Behaviour> behaviours, List<Principle> principles,
                         long seed, int round, Optional<Tone> tone, List<String> situations, String message) {

    public CardSubmit(Kind kind, Language language, List<Behaviour> behaviours, List<Principle> principles,
                      long seed, int round, Optional<Tone> tone) {
        this(kind, language, behaviours, principles, seed, round, tone, List.of(), null);
    }

    public CardSubmit(Kind kind, Language language, List<Behaviour> behaviours, List<Principle> principles,
                      long seed, int round, Optional<Tone> tone, List<String> situations) {
        this(kind, language, behaviours, principles, seed, round, tone, situations, null);
    }

    /** Key under which the button kind travels; namespaced so it cannot clash with card inputs. */
    static final String KIND = "partnerbot";
    private static final int MAX_ROUND = 10_000;

    /** The buttons of an answer card. */
    public enum Kind {
        ANOTHER_DRAFT, WARMER, FIRMER, HELPFUL, NOT_HELPFUL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isFeedback() {
            return this == HELPFUL || this == NOT_HELPFUL;
        }

        static Optional<Kind> byId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public CardSubmit {
        behaviours = List.copyOf(behaviours);
        principles = List.copyOf(principles);
        situations = List.copyOf(situations);
    }

    /** The same card state behind another button. */
    CardSubmit as(Kind other) {
        return new CardSubmit(other, language, behaviours, principles, seed, round, tone, situations, message);
    }

    /** The round and tone the next card shows after this button. */
    public int nextRound() {
        return Math.min(round + 1, MAX_ROUND);
    }

    public Optional<Tone> nextTone() {
        return switch (kind) {
            case WARMER -> Optional.of(Tone.WARM);
            case FIRMER -> Optional.of(Tone.FIRM);
            default -> tone;
        };
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode data = mapper.createObjectNode();
        data.put(KIND, kind.id());
        data.put("lang", language.code());
        ArrayNode b = data.putArray("behaviours");
        behaviours.forEach(x -> b.add(x.id()));
        ArrayNode p = data.putArray("principles");
        principles.forEach(x -> p.add(x.id()));
        data.put("seed", seed);
        data.put("round", round);
        tone.ifPresent(t -> data.put("tone", t.id()));
        if (!situations.isEmpty()) {
            ArrayNode c = data.putArray("situations");
            situations.forEach(c::add);
        }
        if (message != null) {
            data.put("message", message);
        }
        return data;
    }

    /** Reads a card's data back; empty when it is not one of ours or does not make sense. */
    public static Optional<CardSubmit> from(JsonNode data) {
        if (data == null || !data.isObject()) {
            return Optional.empty();
        }
        Optional<Kind> kind = Kind.byId(data.path(KIND).asText(""));
        Optional<Language> language = Language.byCode(data.path("lang").asText(""));
        if (kind.isEmpty() || language.isEmpty() || !data.path("seed").canConvertToLong()
                || !data.path("round").canConvertToInt()) {
            return Optional.empty();
        }
        int round = data.path("round").asInt();
        if (round < 0 || round > MAX_ROUND) {
            return Optional.empty();
        }
        List<Behaviour> behaviours = new ArrayList<>();
        for (JsonNode id : data.path("behaviours")) {
            Optional<Behaviour> b = Behaviour.byId(id.asText(""));
            if (b.isEmpty() || behaviours.contains(b.get())) {
                return Optional.empty();
            }
            behaviours.add(b.get());
        }
        List<Principle> principles = new ArrayList<>();
        for (JsonNode id : data.path("principles")) {
            Optional<Principle> p = Principle.byId(id.asText(""));
            if (p.isEmpty() || principles.contains(p.get())) {
                return Optional.empty();
            }
            principles.add(p.get());
        }
        if (behaviours.isEmpty()) {
            return Optional.empty();
        }
        Optional<Tone> tone = Optional.empty();
        if (data.hasNonNull("tone")) {
            String t = data.path("tone").asText("");
            tone = Tone.WARM.id().equals(t) ? Optional.of(Tone.WARM)
                    : Tone.FIRM.id().equals(t) ? Optional.of(Tone.FIRM) : null;
            if (tone == null) {
                return Optional.empty();
            }
        }
        List<String> situations = new ArrayList<>();
        for (JsonNode id : data.path("situations")) {
            String s = id.asText("");
            if (!SituationCards.isQualifiedId(s) || situations.size() >= SituationCards.MAX_RANKED) {
                return Optional.empty();
            }
            situations.add(s);
        }
        String message = data.hasNonNull("message") ? data.path("message").asText("") : null;
        if (message != null && !Coach.isRedraftToken(message)) {
            return Optional.empty();
        }
        return Optional.of(new CardSubmit(kind.get(), language.get(), behaviours, principles,
                data.path("seed").asLong(), round, tone, situations, message));
    }
}
