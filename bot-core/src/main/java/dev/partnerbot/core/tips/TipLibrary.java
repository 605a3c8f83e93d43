package dev.partnerbot.core.tips;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The team's tip library, read from {@code tips/<lang>.yaml}. Every language carries the same
 * tip ids, so a schedule in "both" posts the same tip in English and Chinese.
 */
public final class TipLibrary {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    record Entry(String id, String principle, String title, String body, @JsonProperty("try_this") String tryThis) {
    }

    record Document(String language, List<Entry> tips) {
    }

    private final Map<Language, Map<String, Tip>> tips;
    private final List<String> ids;

    private TipLibrary(Map<Language, Map<String, Tip>> tips) {
        this.tips = tips;
        List<String> common = new ArrayList<>(tips.get(Language.EN).keySet());
        for (Map<String, Tip> byId : tips.values()) {
            common.retainAll(byId.keySet());
        }
        common.sort(null);
        this.ids = List.copyOf(common);
    }

    /** Loads every language's library from the classpath; fails fast on a malformed file. */
    public static TipLibrary load() {
        Map<Language, Map<String, Tip>> all = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            all.put(language, load(language));
        }
        return new TipLibrary(all);
    }

    private static Map<String, Tip> load(Language language) {
        String resource = "tips/" + language.code() + ".yaml";
        try (InputStream in = TipLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Document doc = YAML.readValue(in, Document.class);
            Map<String, Tip> byId = new LinkedHashMap<>();
            for (Entry e : doc.tips()) {
                Principle principle = Principle.byId(e.principle()).orElseThrow(() -> new IllegalStateException(
                        resource + ": tip " + e.id() + " names unknown principle " + e.principle()));
                if (isBlank(e.id()) || isBlank(e.title()) || isBlank(e.body()) || isBlank(e.tryThis())) {
                    throw new IllegalStateException(resource + ": tip " + e.id() + " lacks id, title, body or try_this");
                }
                if (byId.put(e.id(), new Tip(e.id(), language, principle, e.title(), e.body(), e.tryThis())) != null) {
                    throw new IllegalStateException(resource + ": duplicate tip id " + e.id());
                }
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Ids present in every language, sorted: the deck every schedule shuffles. */
    public List<String> ids() {
        return ids;
    }

    public Optional<Tip> tip(String id, Language language) {
        return Optional.ofNullable(tips.get(language).get(id));
    }

    /** The tip in each language the schedule asks for, in order (English first for "both"). */
    public List<Tip> tips(String id, TipLanguage language) {
        List<Tip> out = new ArrayList<>();
        for (Language l : language.languages()) {
            out.add(tip(id, l).orElseThrow(() -> new IllegalArgumentException("no tip " + id + " in " + l.code())));
        }
        return out;
    }

    /** This schedule's order through the library. */
    public Rotation rotationFor(String scheduleId) {
        return new Rotation(ids, scheduleId);
    }

    /** The tip(s) a schedule would send next. */
    public WeeklyTip next(TipSchedule schedule, String week) {
        String id = rotationFor(schedule.id()).tipAt(schedule.rotation());
        return new WeeklyTip(tips(id, schedule.language()), week, schedule.rotation());
    }
}
