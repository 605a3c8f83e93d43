package dev.partnerbot.core.coach;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Advisor;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.core.interpret.Interpreter;
import dev.partnerbot.core.interpret.LanguageDetector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * PartnerBot's core API: turns what a user wrote about a client into an {@link Answer}.
 * Platform-neutral and thread-safe; adapters strip their markup before calling it.
 */
public final class Coach implements AutoCloseable {
    /** Longest message read; longer ones are read up to here and flagged as truncated. */
    public static final int MAX_CHARS = 2000;
    private static final Set<String> HELP_WORDS = Set.of("help", "?", "/help", "帮助", "怎么用", "使用说明", "help me");

    private final Function<String, Interpretation> interpreter;
    private final AutoCloseable resources;
    private final Map<Language, Playbook> playbooks;
    private final Advisor advisor = new Advisor();
    private final Cache<String, Interpretation> recent;

    /** How many recent interpretations are kept, so "another draft" on the same text costs no model run. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    /** A coach on the built-in models and playbooks. */
    public static Coach load() {
        return load(DEFAULT_CACHE_SIZE);
    }

    public Coach(Function<String, Interpretation> interpreter, AutoCloseable resources, Map<Language, Playbook> playbooks) {
        this(interpreter, resources, playbooks, DEFAULT_CACHE_SIZE);
    }

    /** A coach with a bounded cache of {@code cacheSize} recent interpretations (0 turns caching off). */
    public Coach(Function<String, Interpretation> interpreter, AutoCloseable resources, Map<Language, Playbook> playbooks,
                 int cacheSize) {
        this.interpreter = interpreter;
        this.resources = resources;
        this.playbooks = Map.copyOf(playbooks);
        this.recent = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** A coach on the built-in models and playbooks with a cache of {@code cacheSize} interpretations. */
    public static Coach load(int cacheSize) {
        java.util.concurrent.CompletableFuture<Map<Language, Playbook>> playbooks =
                java.util.concurrent.CompletableFuture.supplyAsync(Playbook::loadAll);
        Interpreter interpreter = Interpreter.load();
        return new Coach(interpreter::interpret, interpreter, playbooks.join(), cacheSize);
    }

    /** The first answer to a message. */
    public Answer answer(String text) {
        return answer(text, 0, Optional.empty());
    }

    /**
     * Answers a message; {@code round} rotates to other drafts ("another draft") and
     * {@code tone} leads with warmer or firmer drafts.
     */
    public Answer answer(String text, int round, Optional<Tone> tone) {
        String message = text == null ? "" : text.strip();
        if (message.isEmpty() || !LanguageDetector.hasWords(message)) {
            return help(LanguageDetector.detect(message), Help.Reason.NOTHING_TO_READ, false);
        }
        boolean truncated = message.length() > MAX_CHARS;
        if (truncated) {
            int end = MAX_CHARS;
            if (Character.isHighSurrogate(message.charAt(end - 1))) {
                end--;
            }
            message = message.substring(0, end);
        }
        if (HELP_WORDS.contains(message.toLowerCase(Locale.ROOT))) {
            return help(LanguageDetector.detect(message), Help.Reason.ASKED, false);
        }
        Interpretation reading = recent.get(message, interpreter);
        if (!reading.aboutAClient()) {
            return help(reading.language(), Help.Reason.NOT_ABOUT_A_CLIENT, truncated);
        }
        long seed = seed(message);
        Suggestion suggestion = suggest(reading.language(), reading.behaviours(), seed, round, tone, truncated);
        if (reading.ambiguity().isPresent()) {
            Interpretation.Ambiguity a = reading.ambiguity().get();
            Playbook playbook = playbooks.get(reading.language());
            String question = playbook.clarify(playbook.behaviour(a.first()).name(), playbook.behaviour(a.second()).name());
            return new Clarification(reading.language(), question, List.of(a.first(), a.second()), suggestion);
        }
        return suggestion;
    }

    /**
     * Advice for behaviours already known (from a card's buttons), without the message text:
     * lets adapters offer another draft or another tone without keeping what the user wrote.
     */
    public Suggestion redraft(Language language, List<Behaviour> behaviours, long seed, int round, Optional<Tone> tone) {
        List<Interpretation.Reading> readings = behaviours.stream()
                .map(b -> new Interpretation.Reading(b, 1.0, List.of())).toList();
        return suggest(language, readings, seed, round, tone, false);
    }

    private Suggestion suggest(Language language, List<Interpretation.Reading> readings, long seed, int round,
                               Optional<Tone> tone, boolean truncated) {
        Playbook playbook = playbooks.get(language);
        List<Behaviour> ids = readings.stream().map(Interpretation.Reading::behaviour).toList();
        Advisor.Advice advice = advisor.advise(playbook, ids, seed, round, tone);
        List<SeenBehaviour> seen = new ArrayList<>();
        for (Behaviour b : advice.ordered()) {
            Interpretation.Reading r = readings.stream().filter(x -> x.behaviour() == b).findFirst().orElseThrow();
            seen.add(new SeenBehaviour(b, playbook.behaviour(b).name(), r.confidence(), r.cues()));
        }
        return new Suggestion(language, seen, advice.dynamic(), advice.principles(), advice.replies(),
                advice.nextStep(), round, truncated);
    }

    /** Usage help in a language. */
    public Help help(Language language) {
        return help(language, Help.Reason.ASKED, false);
    }

    private Help help(Language language, Help.Reason reason, boolean truncated) {
        Playbook.HelpText help = playbooks.get(language).help();
        return new Help(language, reason, help.text(), help.examples(), truncated);
    }

    /** The playbook of a language, for rendering labels and principles. */
    public Playbook playbook(Language language) {
        return playbooks.get(language);
    }

    /** A stable seed for a message, so the same text gets the same drafts in the same round. */
    public static long seed(String text) {
        long h = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h & 0x7fffffff;
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
