package dev.partnerbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Suggestion;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.teams.cards.AnswerCards;
import dev.partnerbot.teams.cards.CardSubmit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Renders every Adaptive Card the adapter can send (each behaviour in each language, first answer,
 * another draft, warmer, firmer, truncated message, several behaviours, clarifications) into
 * {@code target/cards/}, where {@code tools/validate/validate.mjs} checks them with Microsoft's
 * Adaptive Cards parser. Help is sent as Markdown text, not as a card.
 */
class CardGalleryTest {
    static final Path OUT = Path.of("target", "cards");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A coach without models that reads a message "lang behaviour[,behaviour][?]" as written:
     * those behaviours in that language, ambiguous between the first two with a trailing "?".
     */
    private final Coach coach = new Coach(text -> {
        String[] parts = text.strip().split("\\s+");
        Language language = Language.byCode(parts[0]).orElseThrow();
        boolean ambiguous = parts[1].endsWith("?");
        List<Behaviour> behaviours = Stream.of(parts[1].replace("?", "").split(","))
                .map(id -> Behaviour.byId(id).orElseThrow()).toList();
        String cue = language == Language.ZH ? "我们付钱" : "we pay";
        List<Interpretation.Reading> readings = behaviours.stream()
                .map(b -> new Interpretation.Reading(b, 0.9, List.of(cue))).toList();
        return new Interpretation(language, readings, ambiguous
                ? Optional.of(new Interpretation.Ambiguity(behaviours.get(0), behaviours.get(1))) : Optional.empty());
    }, () -> { }, RunningBot.PLAYBOOKS);
    private final AnswerCards cards = new AnswerCards(coach::playbook, JSON);

    @Test
    void rendersEveryCardVariantForTheValidator() throws IOException {
        Map<String, ObjectNode> gallery = new LinkedHashMap<>();
        Behaviour[] all = Behaviour.values();
        for (Language language : Language.values()) {
            String lang = language.code();
            for (int i = 0; i < all.length; i++) {
                Behaviour b = all[i];
                String message = lang + " " + b.id();
                long seed = Coach.seed(message);
                Suggestion first = (Suggestion) coach.answer(message);
                gallery.put(lang + "-" + b.id() + "-first", cards.suggestion(first, seed, Optional.empty()));
                // What the buttons lead to, as CoachBot redrafts: rounds 1 and 2, neutral, warmer, firmer.
                for (int round = 1; round <= 2; round++) {
                    for (Optional<Tone> tone : List.of(Optional.<Tone>empty(), Optional.of(Tone.WARM), Optional.of(Tone.FIRM))) {
                        Suggestion next = coach.redraft(language, List.of(b), seed, round, tone);
                        gallery.put(lang + "-" + b.id() + "-round" + round + tone.map(t -> "-" + t.id()).orElse(""),
                                cards.suggestion(next, seed, tone));
                    }
                }
                Behaviour other = all[(i + 1) % all.length];
                String pair = lang + " " + b.id() + "," + other.id();
                Answer clarification = coach.answer(pair + "?");
                assertThat(clarification).isInstanceOf(Clarification.class);
                gallery.put(lang + "-" + b.id() + "-or-" + other.id() + "-clarification",
                        cards.clarification((Clarification) clarification, Coach.seed(pair + "?")));
                gallery.put(lang + "-" + b.id() + "-and-" + other.id(),
                        cards.suggestion((Suggestion) coach.answer(pair), Coach.seed(pair), Optional.empty()));
            }
            String longMessage = lang + " " + Behaviour.SCOPE_CREEP.id() + " " + "x ".repeat(Coach.MAX_CHARS);
            Suggestion truncated = (Suggestion) coach.answer(longMessage);
            assertThat(truncated.truncated()).isTrue();
            gallery.put(lang + "-truncated", cards.suggestion(truncated, Coach.seed(longMessage), Optional.empty()));
        }

        Files.createDirectories(OUT);
        try (Stream<Path> old = Files.list(OUT)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.delete(p);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : gallery.entrySet()) {
            ObjectNode card = e.getValue();
            if (!"1.5".equals(card.path("version").asText())) {
                problems.add(e.getKey() + ": version " + card.path("version"));
            }
            for (JsonNode data : card.findValues("data")) {
                if (CardSubmit.from(data).isEmpty()) {
                    problems.add(e.getKey() + ": button data the bot would not understand: " + data);
                }
            }
            Files.writeString(OUT.resolve(e.getKey() + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card));
        }

        assertThat(problems).isEmpty();
        // 2 languages x 11 behaviours x (first + 6 redrafts + clarification + two behaviours) + 2 truncated
        assertThat(gallery).hasSize(Language.values().length * (all.length * 9 + 1));
        try (Stream<Path> written = Files.list(OUT)) {
            assertThat(written.count()).isEqualTo(gallery.size());
        }
    }
}
