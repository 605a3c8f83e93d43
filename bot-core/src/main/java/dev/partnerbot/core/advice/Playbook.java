package dev.partnerbot.core.advice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.Tone;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The partnership playbook of one language, read from {@code playbook/<lang>.yaml}: the five
 * principles, and for every behaviour its dynamic, the principles that answer it, next steps
 * and reply drafts per tone. Content lives in data so it can be edited without touching code.
 */
public final class Playbook {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** A principle's display name and explanation. */
    public record PrincipleText(String name, String explanation) {
    }

    /** A principle that answers a behaviour, and why. */
    public record Answering(String id, String why) {
    }

    /** Everything the playbook says about one behaviour. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record BehaviourAdvice(
            String name,
            int severity,
            String dynamic,
            List<Answering> principles,
            @JsonProperty("next_steps") List<String> nextSteps,
            @JsonProperty("fold_in") String foldIn,
            Map<String, List<String>> drafts) {

        public List<String> drafts(Tone tone) {
            return drafts.getOrDefault(tone.id(), List.of());
        }
    }

    /** Help text with example messages. */
    public record HelpText(String text, List<String> examples) {
    }

    record Document(
            String language,
            Map<String, PrincipleText> principles,
            Map<String, BehaviourAdvice> behaviours,
            HelpText help,
            String clarify,
            String truncated,
            Map<String, String> labels) {
    }

    private final Language language;
    private final Map<Principle, PrincipleText> principles;
    private final Map<Behaviour, BehaviourAdvice> behaviours;
    private final Document document;

    private Playbook(Language language, Document document) {
        this.language = language;
        this.document = document;
        this.principles = new EnumMap<>(Principle.class);
        for (Principle p : Principle.values()) {
            PrincipleText text = document.principles().get(p.id());
            if (text == null) {
                throw new IllegalStateException("playbook " + language.code() + " lacks principle " + p.id());
            }
            principles.put(p, text);
        }
        this.behaviours = new EnumMap<>(Behaviour.class);
        for (Behaviour b : Behaviour.values()) {
            BehaviourAdvice advice = document.behaviours().get(b.id());
            if (advice == null) {
                throw new IllegalStateException("playbook " + language.code() + " lacks behaviour " + b.id());
            }
            for (Answering a : advice.principles()) {
                Principle.byId(a.id()).orElseThrow(() -> new IllegalStateException(
                        "playbook " + language.code() + ": " + b.id() + " names unknown principle " + a.id()));
            }
            if (advice.nextSteps() == null || advice.nextSteps().isEmpty()) {
                // The first next step is the behaviour's general card's (SituationCards.withGeneral).
                throw new IllegalStateException("playbook " + language.code() + ": " + b.id() + " has no next steps");
            }
            for (Tone t : Tone.values()) {
                if (advice.drafts(t).isEmpty()) {
                    throw new IllegalStateException("playbook " + language.code() + ": " + b.id() + " has no " + t.id() + " drafts");
                }
            }
            behaviours.put(b, advice);
        }
    }

    public static Map<Language, Playbook> loadAll() {
        Map<Language, Playbook> all = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            all.put(l, load(l));
        }
        return all;
    }

    public static Playbook load(Language language) {
        String resource = "playbook/" + language.code() + ".yaml";
        try (InputStream in = Playbook.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new Playbook(language, YAML.readValue(in, Document.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public Language language() {
        return language;
    }

    public PrincipleText principle(Principle p) {
        return principles.get(p);
    }

    public BehaviourAdvice behaviour(Behaviour b) {
        return behaviours.get(b);
    }

    public HelpText help() {
        return document.help();
    }

    /** "Did you mean X or Y?" in this language. */
    public String clarify(String first, String second) {
        return document.clarify().replace("{first}", first).replace("{second}", second);
    }

    public String truncatedNotice(int limit) {
        return document.truncated().replace("{limit}", String.valueOf(limit));
    }

    /** An interface label (button texts, headings), or the key itself when the playbook lacks it. */
    public String label(String key) {
        return document.labels().getOrDefault(key, key);
    }
}
