package dev.partnerbot.core.advice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The situation cards of one language ({@code playbook/situations/<behaviour>.<lang>.yaml}): for every
 * behaviour, ten or more situations staff really meet, each with example messages used to recognise it,
 * reply drafts written for it (warm and firm, at least three each), one next step and the principles that
 * answer it with why. Validated when loaded: a card file that breaks a rule below stops the load with a
 * message naming the file, the card and the rule (the build's tests load every file).
 */
public final class SituationCards {
    /** Rules of the card data (issue "Advice v2"). */
    public static final int MIN_CARDS = 10;
    public static final int MIN_EXAMPLES = 4;
    public static final int MAX_EXAMPLES = 8;
    public static final int MIN_DRAFTS = 3;
    /** How many ranked cards an answer carries for redrafts (in card buttons). */
    public static final int MAX_RANKED = 5;
    private static final java.util.regex.Pattern QUALIFIED_ID = java.util.regex.Pattern.compile("[a-z_]+/[a-z0-9_]+");

    /** Whether {@code id} has the form of {@link Card#qualifiedId()} (for data that came back from a button). */
    public static boolean isQualifiedId(String id) {
        return id != null && QUALIFIED_ID.matcher(id).matches();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * One situation. {@code also} lists further behaviours its drafts answer at the same time (a card for a
     * common pairing); {@code drafts} holds at least {@value #MIN_DRAFTS} per tone.
     */
    public record Card(String id, Behaviour behaviour, String situation, List<Behaviour> also, List<String> examples,
                       List<Playbook.Answering> principles, String nextStep, Map<Tone, List<String>> drafts) {
        public List<String> drafts(Tone tone) {
            return drafts.getOrDefault(tone, List.of());
        }

        /** {@code <behaviour>/<id>}: unique among all cards of a language. */
        public String qualifiedId() {
            return behaviour.id() + "/" + id;
        }

        /** Whether this card's drafts answer {@code b} too. */
        public boolean answers(Behaviour b) {
            return behaviour == b || also.contains(b);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record FileDoc(String behaviour, String language, List<CardDoc> situations) {
    }

    record CardDoc(String id, String situation, List<String> also, List<String> examples,
                   List<Playbook.Answering> principles, String next_step, Map<String, List<String>> drafts) {
    }

    /**
     * Id of a behaviour's general card ({@link #general}): not a situation of the card files, but the
     * playbook's drafts for the behaviour, written to hold in every one of its situations.
     */
    public static final String GENERAL = "general";

    private final Language language;
    private final Map<Behaviour, List<Card>> cards;
    private final Map<Behaviour, Card> general;

    private SituationCards(Language language, Map<Behaviour, List<Card>> cards, Map<Behaviour, Card> general) {
        this.language = language;
        this.cards = cards;
        this.general = general;
    }

    /**
     * These cards with a general card per behaviour made from {@code playbook} (same language): its
     * principles, its first next step and its drafts, which hold in every situation of the behaviour. The
     * coach answers with it when the situation head is unsure which card the message is about.
     *
     * @throws IllegalArgumentException when the playbook is of another language
     */
    public SituationCards withGeneral(Playbook playbook) {
        if (playbook.language() != language) {
            throw new IllegalArgumentException("playbook of " + playbook.language() + " for cards of " + language);
        }
        Map<Behaviour, Card> out = new EnumMap<>(Behaviour.class);
        for (Behaviour b : Behaviour.values()) {
            Playbook.BehaviourAdvice a = playbook.behaviour(b);
            Map<Tone, List<String>> drafts = new EnumMap<>(Tone.class);
            for (Tone t : Tone.values()) {
                drafts.put(t, List.copyOf(a.drafts(t)));
            }
            // The situation line is read by the tailoring prompt only: it tells the model that no card was sure.
            String situation = a.name() + ": which situation of this behaviour the message is about is unclear; "
                    + "the drafts below hold in every one of them";
            out.put(b, new Card(GENERAL, b, situation, List.of(), List.of(), List.copyOf(a.principles()),
                    a.nextSteps().get(0), drafts));
        }
        return new SituationCards(language, cards, out);
    }

    /** The behaviour's general card (see {@link #withGeneral}), if these cards have one. */
    public java.util.Optional<Card> general(Behaviour b) {
        return java.util.Optional.ofNullable(general.get(b));
    }

    public static SituationCards load(Language language) {
        Map<Behaviour, List<Card>> all = new EnumMap<>(Behaviour.class);
        for (Behaviour b : Behaviour.values()) {
            String resource = "playbook/situations/" + b.id() + "." + language.code() + ".yaml";
            try (InputStream in = SituationCards.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing situation cards " + resource);
                }
                all.put(b, validate(resource, b, language, YAML.readValue(in, FileDoc.class)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new SituationCards(language, all, Map.of());
    }

    static List<Card> validate(String where, Behaviour b, Language language, FileDoc doc) {
        List<String> problems = new ArrayList<>();
        if (!b.id().equals(doc.behaviour())) {
            problems.add("behaviour must be " + b.id());
        }
        if (!language.code().equals(doc.language())) {
            problems.add("language must be " + language.code());
        }
        List<Card> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<CardDoc> docs = doc.situations() == null ? List.of() : doc.situations();
        if (docs.size() < MIN_CARDS) {
            problems.add("at least " + MIN_CARDS + " situations, found " + docs.size());
        }
        for (CardDoc c : docs) {
            String at = "situation " + c.id() + ": ";
            if (c.id() == null || !c.id().matches("[a-z0-9_]+") || !ids.add(c.id())) {
                problems.add(at + "id must be unique snake_case");
            }
            if (GENERAL.equals(c.id())) {
                problems.add(at + "id " + GENERAL + " is reserved for the behaviour's general card");
            }
            if (blank(c.situation()) || blank(c.next_step())) {
                problems.add(at + "situation and next_step must not be empty");
            }
            List<String> examples = c.examples() == null ? List.of() : c.examples();
            if (examples.size() < MIN_EXAMPLES || examples.size() > MAX_EXAMPLES || examples.stream().anyMatch(SituationCards::blank)) {
                problems.add(at + MIN_EXAMPLES + " to " + MAX_EXAMPLES + " non-empty examples");
            }
            List<Behaviour> also = new ArrayList<>();
            for (String a : c.also() == null ? List.<String>of() : c.also()) {
                Behaviour.byId(a).ifPresentOrElse(also::add, () -> problems.add(at + "unknown behaviour in also: " + a));
            }
            List<Playbook.Answering> principles = c.principles() == null ? List.of() : c.principles();
            if (principles.isEmpty()) {
                problems.add(at + "at least one principle");
            }
            for (Playbook.Answering p : principles) {
                if (Principle.byId(p.id()).isEmpty() || blank(p.why())) {
                    problems.add(at + "principle " + p.id() + " unknown or without why");
                }
            }
            Map<Tone, List<String>> drafts = new EnumMap<>(Tone.class);
            for (Tone t : Tone.values()) {
                List<String> d = c.drafts() == null ? null : c.drafts().get(t.id());
                if (d == null || d.size() < MIN_DRAFTS || d.stream().anyMatch(SituationCards::blank)) {
                    problems.add(at + "at least " + MIN_DRAFTS + " non-empty " + t.id() + " drafts");
                    d = List.of();
                }
                drafts.put(t, List.copyOf(d));
            }
            out.add(new Card(c.id(), b, c.situation(), List.copyOf(also), List.copyOf(examples), List.copyOf(principles),
                    c.next_step(), drafts));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(where + ": " + String.join("; ", problems));
        }
        return List.copyOf(out);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public Language language() {
        return language;
    }

    /** The cards of a behaviour, in file order. */
    public List<Card> of(Behaviour b) {
        return cards.get(b);
    }

    /** The card with this {@link Card#qualifiedId()}, if any (a general card too, when these cards have them). */
    public java.util.Optional<Card> byQualifiedId(String qualifiedId) {
        int slash = qualifiedId == null ? -1 : qualifiedId.indexOf('/');
        if (slash < 0) {
            return java.util.Optional.empty();
        }
        String id = qualifiedId.substring(slash + 1);
        return Behaviour.byId(qualifiedId.substring(0, slash)).flatMap(b -> GENERAL.equals(id) ? general(b)
                : cards.get(b).stream().filter(c -> c.id().equals(id)).findFirst());
    }

    /** All situation cards of this language (the general cards are not among them). */
    public List<Card> all() {
        return cards.values().stream().flatMap(List::stream).toList();
    }
}
