package dev.partnerbot.core.interpret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Labelled messages: the training corpus ({@code corpus/*.jsonl} on the classpath, listed in
 * {@code corpus/index.txt}) or the dev set ({@code dev/}, messages never trained on, written apart from
 * the corpus). One JSON object per line: {@code text}, {@code labels} (behaviour ids), {@code lang}.
 */
public final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<LabelledMessage> messages;

    private Corpus(List<LabelledMessage> messages) {
        this.messages = List.copyOf(messages);
    }

    /** The training corpus. */
    public static Corpus load() {
        return load("corpus");
    }

    /** The dev set: held-out messages for {@code ./partnerbot evaluate}, never trained on. */
    public static Corpus devSet() {
        return load("dev");
    }

    static Corpus load(String folder) {
        List<LabelledMessage> all = new ArrayList<>();
        for (String file : lines(folder + "/index.txt")) {
            if (file.isBlank() || file.startsWith("#")) {
                continue;
            }
            int n = 0;
            for (String line : lines(folder + "/" + file.trim())) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                all.add(parse(line, file + ":" + n));
            }
        }
        return new Corpus(all);
    }

    static LabelledMessage parse(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            String text = node.path("text").asText("");
            Language lang = Language.byCode(node.path("lang").asText(""))
                    .orElseThrow(() -> new IllegalArgumentException(where + ": lang must be en or zh"));
            EnumSet<Behaviour> labels = EnumSet.noneOf(Behaviour.class);
            for (JsonNode l : node.path("labels")) {
                labels.add(Behaviour.byId(l.asText())
                        .orElseThrow(() -> new IllegalArgumentException(where + ": unknown label " + l.asText())));
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException(where + ": empty text");
            }
            return new LabelledMessage(text, lang, labels);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON", e);
        }
    }

    private static List<String> lines(String resource) {
        InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<LabelledMessage> messages() {
        return messages;
    }

    public List<LabelledMessage> in(Language language) {
        return messages.stream().filter(m -> m.language() == language).toList();
    }
}
