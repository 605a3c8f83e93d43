package dev.partnerbot.core.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.ReplyDraft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's answer before anyone sees it; every failure is a reason to keep the offline answer.
 * In order: the JSON object of the answer format is found (also inside prose or a code fence) and read;
 * unknown behaviour ids are dropped (only unknown ids: unparsable); at least two replies with text; each
 * reply and the next step in the user's script (Chinese characters for zh, none for en); no servile or
 * hostile phrasing (the tone lists in {@code tone/<lang>.txt}); lengths within bounds (replies 20-700
 * characters in English, 8-300 in Chinese; next step at most 400); and no number, weekday or month in a
 * reply or the next step that the user's message does not contain, nor a capitalised name that appears in
 * neither the message nor the playbook.
 */
public final class Guardrails {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```(?:json)?\\s*(\\{.*?})\\s*```", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");
    private static final Pattern CALENDAR_EN = Pattern.compile("\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            + "january|february|march|april|june|july|august|september|october|november|december)\\b");
    private static final Pattern CALENDAR_ZH = Pattern.compile("(星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六天日]|"
            + "[一二三四五六七八九十]+月|[一二三四五六七八九十]+号|初[一二三四五六七八九十])");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private final Map<Language, List<String>> toneLists = new EnumMap<>(Language.class);
    private final Map<Language, String> playbookText;

    /**
     * @param playbookText per language, all text of the playbook and situation cards (names and numbers
     *                     that may appear in a reply without being in the message)
     */
    public Guardrails(Map<Language, String> playbookText) {
        this.playbookText = Map.copyOf(playbookText);
        for (Language l : Language.values()) {
            toneLists.put(l, dev.partnerbot.core.advice.ToneLists.all(l));
        }
    }

    /** The checked answer, or the reason it cannot be used. */
    public TailorResult check(String modelText, String message, Language language, String model, int promptTokens,
                              int answerTokens) {
        Optional<JsonNode> json = object(modelText);
        if (json.isEmpty()) {
            return new TailorResult.Fallback(TailorResult.Reason.UNPARSABLE);
        }
        JsonNode answer = json.get();
        if (!answer.path("behaviours").isArray()) {
            return new TailorResult.Fallback(TailorResult.Reason.UNPARSABLE);
        }
        Set<Behaviour> behaviours = new LinkedHashSet<>();
        int named = 0;
        for (JsonNode id : answer.path("behaviours")) {
            named++;
            Behaviour.byId(id.asText("").strip().toLowerCase(Locale.ROOT)).ifPresent(behaviours::add);
        }
        if (named > 0 && behaviours.isEmpty()) {
            return new TailorResult.Fallback(TailorResult.Reason.UNPARSABLE);
        }
        if (behaviours.isEmpty()) {
            return new TailorResult.Tailored(List.of(), List.of(), "", model, promptTokens, answerTokens);
        }
        List<ReplyDraft> replies = new ArrayList<>();
        int i = 0;
        for (JsonNode r : answer.path("replies")) {
            String text = r.isTextual() ? r.asText() : r.path("text").asText("");
            if (text.isBlank()) {
                continue;
            }
            String tone = r.path("tone").asText(i % 2 == 0 ? "warm" : "firm").toLowerCase(Locale.ROOT);
            replies.add(new ReplyDraft("firm".equals(tone) ? Tone.FIRM : Tone.WARM, text.strip()));
            i++;
        }
        if (replies.size() < 2) {
            return new TailorResult.Fallback(TailorResult.Reason.TOO_FEW_REPLIES);
        }
        String nextStep = answer.path("next_step").asText("").strip();
        List<String> texts = new ArrayList<>(replies.stream().map(ReplyDraft::text).toList());
        if (!nextStep.isEmpty()) {
            texts.add(nextStep);
        }
        for (String t : texts) {
            if (!inScript(t, language)) {
                return new TailorResult.Fallback(TailorResult.Reason.WRONG_LANGUAGE);
            }
        }
        for (String t : texts) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (toneLists.get(language).stream().anyMatch(lower::contains)) {
                return new TailorResult.Fallback(TailorResult.Reason.TONE);
            }
        }
        int min = language == Language.ZH ? 8 : 20;
        int max = language == Language.ZH ? 300 : 700;
        for (ReplyDraft r : replies) {
            int n = r.text().codePointCount(0, r.text().length());
            if (n < min || n > max) {
                return new TailorResult.Fallback(TailorResult.Reason.LENGTH);
            }
        }
        if (nextStep.codePointCount(0, nextStep.length()) > 400) {
            return new TailorResult.Fallback(TailorResult.Reason.LENGTH);
        }
        for (String t : texts) {
            if (invents(t, message, language)) {
                return new TailorResult.Fallback(TailorResult.Reason.INVENTED_FACT);
            }
        }
        return new TailorResult.Tailored(List.copyOf(behaviours), replies, nextStep, model, promptTokens, answerTokens);
    }

    /** The answer's JSON object: the whole text, a fenced block, or the outermost braces inside prose. */
    static Optional<JsonNode> object(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(text.strip());
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) {
            candidates.add(fence.group(1));
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open >= 0 && close > open) {
            candidates.add(text.substring(open, close + 1));
        }
        for (String c : candidates) {
            try {
                JsonNode node = JSON.readTree(c);
                if (node != null && node.isObject()) {
                    return Optional.of(node);
                }
            } catch (IOException e) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    static boolean inScript(String text, Language language) {
        long han = HAN.matcher(text).results().count();
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (language == Language.ZH) {
            return han > 0 && han >= 0.5 * letters;
        }
        return han == 0;
    }

    boolean invents(String reply, String message, Language language) {
        String msg = message.toLowerCase(Locale.ROOT);
        String known = playbookText.getOrDefault(language, "").toLowerCase(Locale.ROOT);
        Matcher n = NUMBER.matcher(reply);
        while (n.find()) {
            if (!msg.contains(n.group())) {
                return true;
            }
        }
        String lower = reply.toLowerCase(Locale.ROOT);
        Matcher c = (language == Language.ZH ? CALENDAR_ZH : CALENDAR_EN).matcher(lower);
        while (c.find()) {
            if (!msg.contains(c.group())) {
                return true;
            }
        }
        if (language == Language.EN) {
            for (String sentence : reply.split("(?<=[.!?:;])\\s+|\\n+")) {
                String[] words = sentence.strip().split("[^\\p{L}'’-]+");
                for (int w = 1; w < words.length; w++) {
                    String word = words[w].split("['’]")[0];
                    if (word.length() > 1 && Character.isUpperCase(word.charAt(0)) && !word.equals(word.toUpperCase(Locale.ROOT))) {
                        String lowerWord = word.toLowerCase(Locale.ROOT);
                        if (!COMMON.contains(lowerWord) && !msg.contains(lowerWord) && !known.contains(lowerWord)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Capitalised words that are not names (mid-sentence "I", acronyms aside). */
    private static final Set<String> COMMON = Set.of("i", "thanks", "thank", "please", "could", "would", "shall", "let",
            "we", "our", "you", "your", "it", "this", "that", "if", "and", "but", "so", "as", "ok", "okay", "hi", "hello",
            "dear", "best", "regards", "sure", "yes", "no", "also", "happy", "glad");

}
