package dev.partnerbot.core.coach;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Advisor;
import dev.partnerbot.core.advice.CardChooser;
import dev.partnerbot.core.advice.SituationCards;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.core.interpret.Interpreter;
import dev.partnerbot.core.interpret.LanguageDetector;
import dev.partnerbot.core.tailor.Tailor;
import dev.partnerbot.core.tailor.TailorRequest;
import dev.partnerbot.core.tailor.TailorResult;
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
    private final Map<Language, SituationCards> cards;
    private final Map<Language, CardChooser> choosers;
    private volatile Optional<Tailor> tailor = Optional.empty();
    /**
     * Messages kept in this process only, for 30 minutes, so that "another draft" from a card button can ask
     * the language model again (buttons carry a random token, never the text). Used only when tailoring is on.
     */
    private final Cache<String, String> forRedrafts = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(30)).build();
    private final java.security.SecureRandom tokens = new java.security.SecureRandom();
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
        this(interpreter, resources, playbooks, cacheSize, language -> null);
    }

    /**
     * @param embedder per language, the sentence embeddings that situation cards are chosen with (the same
     *                 reader that gives {@link Interpretation#embedding()}), or null for words alone
     */
    public Coach(Function<String, Interpretation> interpreter, AutoCloseable resources, Map<Language, Playbook> playbooks,
                 int cacheSize, Function<Language, Function<List<String>, float[][]>> embedder) {
        this.interpreter = interpreter;
        this.resources = resources;
        this.playbooks = Map.copyOf(playbooks);
        this.recent = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.cards = new java.util.EnumMap<>(Language.class);
        this.choosers = new java.util.EnumMap<>(Language.class);
        java.util.List<java.util.concurrent.CompletableFuture<Void>> loads = new ArrayList<>();
        for (Language language : Language.values()) {
            SituationCards loaded = SituationCards.load(language);
            SituationCards c = playbooks.containsKey(language) ? loaded.withGeneral(playbooks.get(language)) : loaded;
            cards.put(language, c);
            loads.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                CardChooser chooser = new CardChooser(c, embedder.apply(language));
                synchronized (choosers) {
                    choosers.put(language, chooser);
                }
            }));
        }
        loads.forEach(java.util.concurrent.CompletableFuture::join);
    }

    /** A coach on the built-in models and playbooks with a cache of {@code cacheSize} interpretations. */
    public static Coach load(int cacheSize) {
        java.util.concurrent.CompletableFuture<Map<Language, Playbook>> playbooks =
                java.util.concurrent.CompletableFuture.supplyAsync(Playbook::loadAll);
        Interpreter interpreter = Interpreter.load();
        return new Coach(interpreter::interpret, interpreter, playbooks.join(), cacheSize,
                language -> interpreter.reader(language)::encode);
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
        Suggestion suggestion = suggest(reading.language(), reading.behaviours(), reading.embedding(), reading.situations(),
                message, List.of(), seed, round, tone, truncated);
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
     * {@code situations} are the ranked cards of the first answer ({@link Suggestion#situations()});
     * unknown or missing ones fall back to the leading behaviour's cards in file order.
     */
    public Suggestion redraft(Language language, List<Behaviour> behaviours, List<String> situations, long seed, int round,
                              Optional<Tone> tone) {
        List<Interpretation.Reading> readings = behaviours.stream()
                .map(b -> new Interpretation.Reading(b, 1.0, List.of())).toList();
        return suggest(language, readings, new float[0], Map.of(), null, situations, seed, round, tone, false);
    }

    /** A redraft with the leading behaviour's cards in file order. */
    public Suggestion redraft(Language language, List<Behaviour> behaviours, long seed, int round, Optional<Tone> tone) {
        return redraft(language, behaviours, List.of(), seed, round, tone);
    }

    private Suggestion suggest(Language language, List<Interpretation.Reading> readings, float[] embedding,
                               Map<String, Double> situationScores, String text, List<String> situations, long seed,
                               int round, Optional<Tone> tone, boolean truncated) {
        Playbook playbook = playbooks.get(language);
        List<Behaviour> ids = advisor.bySeverity(playbook, readings.stream().map(Interpretation.Reading::behaviour).toList());
        List<SituationCards.Card> ranked;
        if (text != null) {
            ranked = choosers.get(language).rank(ids, embedding, text, situationScores).stream()
                    .map(CardChooser.Ranked::card).toList();
        } else {
            ranked = situations.stream().map(id -> cards.get(language).byQualifiedId(id)).flatMap(Optional::stream)
                    .filter(c -> c.answers(ids.get(0))).toList();
        }
        Advisor.Advice advice = advisor.advise(playbook, cards.get(language), ids, ranked, seed, round, tone);
        List<SeenBehaviour> seen = new ArrayList<>();
        for (Behaviour b : advice.ordered()) {
            Interpretation.Reading r = readings.stream().filter(x -> x.behaviour() == b).findFirst().orElseThrow();
            seen.add(new SeenBehaviour(b, playbook.behaviour(b).name(), r.confidence(), r.cues()));
        }
        return new Suggestion(language, seen, advice.dynamic(), advice.principles(), advice.replies(),
                advice.nextStep(), round, truncated, advice.situation(), advice.situations());
    }

    /** Usage help in a language. */
    public Help help(Language language) {
        return help(language, Help.Reason.ASKED, false);
    }

    private Help help(Language language, Help.Reason reason, boolean truncated) {
        Playbook.HelpText help = playbooks.get(language).help();
        return new Help(language, reason, help.text(), help.examples(), truncated);
    }

    /**
     * Turns on tailoring by a language model (see {@link Tailor}); without it {@link #tailor} returns the
     * offline answer. Set once, at start-up, before the coach is shared.
     */
    public void useTailor(Tailor tailor) {
        this.tailor = Optional.of(tailor);
    }

    /**
     * A random token for a message when tailoring is on (null otherwise): card buttons carry it so that a
     * redraft can ask the model again; the text stays in this process, for at most 30 minutes.
     */
    public String remember(String text) {
        if (tailor.isEmpty() || text == null || text.isBlank()) {
            return null;
        }
        byte[] b = new byte[12];
        tokens.nextBytes(b);
        String token = java.util.HexFormat.of().formatHex(b);
        forRedrafts.put(token, text);
        return token;
    }

    /** Whether {@code token} has the form {@link #remember} gives (for data that came back from a button). */
    public static boolean isRedraftToken(String token) {
        return token != null && token.matches("[0-9a-f]{24}");
    }

    /** The message a token stands for, while it is remembered. */
    public Optional<String> recall(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(forRedrafts.getIfPresent(token));
    }

    /** The name of the model that tailors answers, when tailoring is on. */
    public Optional<String> tailorModel() {
        return tailor.map(Tailor::model);
    }

    /**
     * An answer after tailoring: the model's (after the guardrails) when {@code tailored}, else the offline
     * one, with the reason when a call was made and fell back.
     */
    public record Tailoring(Answer answer, boolean tailored, Optional<TailorResult.Reason> fallback) {
        /** Whether an answer already shown should be replaced: tailored, and not help in place of help. */
        public boolean replaces(Answer offline) {
            return tailored && !(offline instanceof Help && answer instanceof Help);
        }
    }

    /**
     * The tailored version of {@code offline}, the coach's answer to {@code text} in {@code round}: one call
     * to the model with the message, the offline reading and the situation card. Help the user asked for
     * and empty messages are never sent. Never throws; every failure leaves the offline answer.
     */
    public Tailoring tailor(String text, Answer offline, int round) {
        if (tailor.isEmpty() || text == null || text.isBlank()
                || (offline instanceof Help h && h.reason() != Help.Reason.NOT_ABOUT_A_CLIENT)) {
            return new Tailoring(offline, false, Optional.empty());
        }
        TailorRequest request = tailorRequest(text, offline, round);
        String message = request.text();
        Suggestion base = offline instanceof Clarification c ? c.tentative() : offline instanceof Suggestion s ? s : null;
        TailorResult result;
        try {
            result = tailor.get().tailor(request);
        } catch (RuntimeException e) {
            result = new TailorResult.Fallback(TailorResult.Reason.ERROR);
        }
        if (result instanceof TailorResult.Fallback f) {
            return new Tailoring(offline, false, Optional.of(f.reason()));
        }
        TailorResult.Tailored t = (TailorResult.Tailored) result;
        if (t.behaviours().isEmpty()) {
            return new Tailoring(help(offline.language(), Help.Reason.NOT_ABOUT_A_CLIENT, offline.truncated()), true,
                    Optional.empty());
        }
        Playbook playbook = playbooks.get(offline.language());
        List<Behaviour> ordered = advisor.bySeverity(playbook, t.behaviours());
        List<SeenBehaviour> seen = new ArrayList<>();
        for (Behaviour b : ordered) {
            Optional<SeenBehaviour> before = base == null ? Optional.empty()
                    : base.behaviours().stream().filter(x -> x.behaviour() == b).findFirst();
            seen.add(before.orElse(new SeenBehaviour(b, playbook.behaviour(b).name(), 1.0, List.of())));
        }
        List<PrincipleAdvice> principles;
        String situation;
        List<String> situations;
        if (base != null && base.behaviourIds().get(0) == ordered.get(0)) {
            principles = base.principles();
            situation = base.situation();
            situations = base.situations();
        } else {
            Suggestion fresh = suggest(offline.language(), ordered.stream().map(b -> new Interpretation.Reading(b, 1.0, List.of()))
                    .toList(), new float[0], Map.of(), message, List.of(), seed(message), round, Optional.empty(),
                    offline.truncated());
            principles = fresh.principles();
            situation = fresh.situation();
            situations = fresh.situations();
        }
        Suggestion tailored = new Suggestion(offline.language(), seen, playbook.behaviour(ordered.get(0)).dynamic(), principles,
                t.replies(), t.nextStep().isBlank() && base != null ? base.nextStep() : t.nextStep(), round,
                offline.truncated(), situation, situations, Optional.of(t.model()));
        return new Tailoring(tailored, true, Optional.empty());
    }

    /**
     * What a tailoring call for {@code offline} (the answer to {@code text} in {@code round}) is about: the
     * message (read up to {@link #MAX_CHARS}), the offline reading and its situation card.
     */
    public TailorRequest tailorRequest(String text, Answer offline, int round) {
        String message = text.strip();
        if (message.length() > MAX_CHARS) {
            message = message.substring(0, Character.isHighSurrogate(message.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS);
        }
        Suggestion base = offline instanceof Clarification c ? c.tentative() : offline instanceof Suggestion s ? s : null;
        List<TailorRequest.Reading> reading = base == null ? List.of() : base.behaviours().stream()
                .map(b -> new TailorRequest.Reading(b.behaviour(), b.confidence(), b.cues())).toList();
        Optional<SituationCards.Card> card = base == null ? Optional.empty()
                : cards.get(offline.language()).byQualifiedId(base.situation());
        return new TailorRequest(message, offline.language(), reading, card, round);
    }

    /**
     * All the advice text of a language (playbook and situation cards): numbers and names in it may appear
     * in a tailored draft without being in the user's message (see the tailoring guardrails).
     */
    public String adviceText(Language language) {
        StringBuilder sb = new StringBuilder();
        Playbook p = playbooks.get(language);
        for (Behaviour b : Behaviour.values()) {
            Playbook.BehaviourAdvice a = p.behaviour(b);
            sb.append(a.name()).append('\n').append(a.dynamic()).append('\n');
            a.nextSteps().forEach(x -> sb.append(x).append('\n'));
            for (Tone t : Tone.values()) {
                a.drafts(t).forEach(x -> sb.append(x).append('\n'));
            }
        }
        for (SituationCards.Card c : cards.get(language).all()) {
            sb.append(c.situation()).append('\n').append(c.nextStep()).append('\n');
            for (Tone t : Tone.values()) {
                c.drafts(t).forEach(x -> sb.append(x).append('\n'));
            }
        }
        return sb.toString();
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
