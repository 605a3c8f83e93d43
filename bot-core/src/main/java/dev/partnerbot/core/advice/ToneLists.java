package dev.partnerbot.core.advice;

import dev.partnerbot.core.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servile and hostile phrasings no reply draft may contain ({@code tone/<lang>.txt}: sections such as
 * {@code [servile]} and {@code [hostile]}, one phrase per line, {@code #} comments). Phrases are lower-cased;
 * a draft contains one when its lower-cased text does.
 */
public final class ToneLists {
    private ToneLists() {
    }

    /** The phrases of a language by section name, in file order. */
    public static Map<String, List<String>> of(Language language) {
        String resource = "tone/" + language.code() + ".txt";
        try (InputStream in = ToneLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Map<String, List<String>> sections = new LinkedHashMap<>();
            List<String> current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("[") && l.endsWith("]")) {
                    current = new ArrayList<>();
                    sections.put(l.substring(1, l.length() - 1), current);
                } else if (current != null) {
                    current.add(l.toLowerCase(Locale.ROOT));
                }
            }
            return sections;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Every phrase of a language, all sections together. */
    public static List<String> all(Language language) {
        return of(language).values().stream().flatMap(List::stream).toList();
    }
}
