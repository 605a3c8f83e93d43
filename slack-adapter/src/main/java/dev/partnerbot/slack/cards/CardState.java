package dev.partnerbot.slack.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.SituationCards;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Suggestion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a card's buttons need to ask the coach again, carried in each button's {@code value}:
 * language, behaviour ids, the message's seed, the draft round and tone, the ranked situation cards,
 * and the thread the card belongs to. Never the user's text: {@link Coach#redraft} works from these alone.
 *
 * @param draft which reply a "post this draft" button stands for, or -1
 * @param threadTs the thread a posted draft goes to, or null to post in the channel
 */
public record CardState(Language language, List<Behaviour> behaviours, long seed, int round,
                        Optional<Tone> tone, int draft, String threadTs, List<String> situations, String message,
                        String draftText) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public CardState {
        behaviours = List.copyOf(behaviours);
        tone = tone == null ? Optional.empty() : tone;
        situations = situations == null ? List.of() : List.copyOf(situations);
    }

    public CardState(Language language, List<Behaviour> behaviours, long seed, int round, Optional<Tone> tone, int draft,
                     String threadTs) {
        this(language, behaviours, seed, round, tone, draft, threadTs, List.of(), null, null);
    }

    public CardState(Language language, List<Behaviour> behaviours, long seed, int round, Optional<Tone> tone, int draft,
                     String threadTs, List<String> situations) {
        this(language, behaviours, seed, round, tone, draft, threadTs, situations, null, null);
    }

    /** The same state with the message's redraft token ({@link Coach#remember}); null when tailoring is off. */
    public CardState withMessage(String token) {
        return new CardState(language, behaviours, seed, round, tone, draft, threadTs, situations, token, draftText);
    }

    /** The state of a card showing {@code suggestion} for a message whose seed is {@code seed}. */
    public static CardState of(Suggestion suggestion, long seed, Optional<Tone> tone, String threadTs) {
        return new CardState(suggestion.language(), suggestion.behaviourIds(), seed, suggestion.round(), tone, -1, threadTs,
                suggestion.situations());
    }

    public CardState withDraft(int index) {
        return new CardState(language, behaviours, seed, round, tone, index, threadTs, situations, message, null);
    }

    /** A post-draft button of a tailored card carries the draft itself: it cannot be derived again offline. */
    public CardState withDraft(int index, String text) {
        return new CardState(language, behaviours, seed, round, tone, index, threadTs, situations, message, text);
    }

    public CardState next(Optional<Tone> newTone, int newRound) {
        return new CardState(language, behaviours, seed, newRound, newTone, -1, threadTs, situations, message, null);
    }

    /** The suggestion this state stands for. */
    public Suggestion suggestion(Coach coach) {
        return coach.redraft(language, behaviours, situations, seed, round, tone);
    }

    /** Compact JSON for a button value (Slack allows 2,000 characters). */
    public String encode() {
        Wire w = new Wire(language.code(), behaviours.stream().map(Behaviour::id).toList(), seed, round,
                tone.map(Tone::id).orElse(null), draft < 0 ? null : draft, threadTs, situations.isEmpty() ? null : situations,
                message, draftText);
        try {
            return JSON.writeValueAsString(w);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode card state", e);
        }
    }

    /** Reads a button value; empty when it is not one of ours or names unknown ids. */
    public static Optional<CardState> decode(String value) {
        if (value == null || value.isBlank() || value.length() > 2000) {
            return Optional.empty();
        }
        try {
            Wire w = JSON.readValue(value, Wire.class);
            Optional<Language> language = Language.byCode(w.l == null ? "" : w.l);
            if (language.isEmpty() || w.b == null || w.b.isEmpty()) {
                return Optional.empty();
            }
            List<Behaviour> behaviours = new ArrayList<>();
            for (String id : w.b) {
                Optional<Behaviour> b = Behaviour.byId(id);
                if (b.isEmpty()) {
                    return Optional.empty();
                }
                behaviours.add(b.get());
            }
            Optional<Tone> tone = Optional.empty();
            if (w.t != null) {
                try {
                    tone = Optional.of(Tone.valueOf(w.t.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            if (w.r < 0 || w.r > 1000 || (w.d != null && (w.d < 0 || w.d > 50))) {
                return Optional.empty();
            }
            List<String> situations = w.c == null ? List.of() : w.c;
            if (situations.size() > SituationCards.MAX_RANKED || !situations.stream().allMatch(SituationCards::isQualifiedId)) {
                return Optional.empty();
            }
            if (w.m != null && !Coach.isRedraftToken(w.m)) {
                return Optional.empty();
            }
            return Optional.of(new CardState(language.get(), behaviours, w.s, w.r, tone,
                    w.d == null ? -1 : w.d, w.th, situations, w.m, w.x));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Wire(@JsonProperty("l") String l, @JsonProperty("b") List<String> b, @JsonProperty("s") long s,
                @JsonProperty("r") int r, @JsonProperty("t") String t, @JsonProperty("d") Integer d,
                @JsonProperty("th") String th, @JsonProperty("c") List<String> c, @JsonProperty("m") String m,
                @JsonProperty("x") String x) {
    }
}
