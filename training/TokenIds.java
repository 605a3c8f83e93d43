import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.interpret.TextTokenizer;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Training-pipeline step: token ids of labelled messages, from the very tokenizer and normalisation the
 * bot uses at run time. Usage: {@code java -cp <bot-core classpath> TokenIds TOKENIZER_RESOURCE OUT.jsonl IN.jsonl...}.
 * Each output line is the input object with {@code ids} added (the text is kept for reports).
 */
public class TokenIds {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (TextTokenizer tokenizer = TextTokenizer.fromClasspath(args[0], 256);
             BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            int n = 0;
            for (int i = 2; i < args.length; i++) {
                for (String line : Files.readAllLines(Path.of(args[i]), StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    ObjectNode node = (ObjectNode) json.readTree(line);
                    var ids = node.putArray("ids");
                    for (long id : tokenizer.ids(node.path("text").asText())) {
                        ids.add(id);
                    }
                    out.write(json.writeValueAsString(node));
                    out.newLine();
                    n++;
                }
            }
            System.err.println("token ids: " + n + " messages -> " + args[1]);
        }
    }
}
