package org.helpdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Rules every template keeps, read from the template files themselves: the page's language is set, what people
 * read comes from messages.properties, and points in time go through {@code @times} (shown with their zone).
 */
class TemplatesTests {

    private static final Path TEMPLATES = Paths.get("src", "main", "resources", "templates");
    private static final Set<String> VOID_ELEMENTS = Set.of("meta", "link", "input", "br", "img", "hr");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("th:text", "th:utext", "th:errors", "th:replace",
            "th:insert");
    private static final Pattern TAG_NAME = Pattern.compile("^/?([A-Za-z][\\w:-]*)");
    /** A property of a model object whose name ends in At: createdAt, endsAt, sessionEndsAt... */
    private static final Pattern INSTANT = Pattern.compile("\\b[a-z]\\w*\\.[a-z]\\w*At\\b");

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void everyTemplateSetsTheLanguage() throws IOException {
        List<Path> all = templates();
        assertThat(all).isNotEmpty();
        for (Path template : all) {
            assertThat(Files.readString(template)).as("%s", template).containsPattern("<html[^>]* lang=\"en\"");
        }
    }

    @Test
    void textPeopleReadComesFromTheMessages() throws IOException {
        List<String> literal = new ArrayList<>();
        for (Path template : templates()) {
            for (String text : literalText(Files.readString(template))) {
                literal.add(TEMPLATES.relativize(template) + ": " + text);
            }
        }
        assertThat(literal).as("text written into templates instead of taken from messages.properties").isEmpty();
    }

    @Test
    void pointsInTimeAreShownThroughTimes() throws IOException {
        List<String> raw = new ArrayList<>();
        for (Path template : templates()) {
            String source = Files.readString(template);
            Matcher m = INSTANT.matcher(source);
            while (m.find()) {
                String before = source.substring(Math.max(0, m.start() - 17), m.start());
                String after = source.substring(m.end(), Math.min(source.length(), m.end() + 8));
                // the time left until a point in time is a duration in words, also from @times
                boolean formatted = before.endsWith("@times.format(") || before.endsWith("@times.remaining(");
                boolean nullCheck = after.startsWith(" != null") || after.startsWith(" == null");
                boolean messageKey = before.endsWith("#{");
                if (!formatted && !nullCheck && !messageKey) {
                    raw.add(TEMPLATES.relativize(template) + ": " + m.group());
                }
            }
        }
        assertThat(raw).as("times shown without @times.format (and so without their zone)").isEmpty();
    }

    /**
     * Text with letters in it that nothing replaces: not inside an element with th:text, th:utext, th:errors,
     * th:replace or th:insert (whose own content is only a preview for people editing the template).
     */
    static List<String> literalText(String html) {
        List<String> found = new ArrayList<>();
        Deque<Boolean> replaced = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            if (html.startsWith("<!--", i)) {
                i = html.indexOf("-->", i) + 3;
            } else if (html.startsWith("<!", i)) {
                i = html.indexOf('>', i) + 1;
            } else if (html.charAt(i) == '<') {
                int end = tagEnd(html, i);
                String tag = html.substring(i + 1, end);
                Matcher name = TAG_NAME.matcher(tag);
                if (name.find()) {
                    String element = name.group(1).toLowerCase();
                    if (tag.startsWith("/")) {
                        while (!names.isEmpty()) {
                            replaced.pop();
                            if (names.pop().equals(element)) {
                                break;
                            }
                        }
                    } else if (!tag.endsWith("/") && !VOID_ELEMENTS.contains(element)) {
                        boolean here = TEXT_ATTRIBUTES.stream().anyMatch(a -> tag.contains(" " + a + "=")
                                || tag.contains("\n" + a + "=") || tag.contains("\t" + a + "="));
                        boolean inherited = !replaced.isEmpty() && replaced.peek();
                        names.push(element);
                        replaced.push(here || inherited);
                    }
                }
                i = end + 1;
            } else {
                int next = html.indexOf('<', i);
                next = next < 0 ? html.length() : next;
                String text = html.substring(i, next).strip();
                boolean insideReplaced = !replaced.isEmpty() && replaced.peek();
                boolean inScriptOrStyle = !names.isEmpty() && Set.of("script", "style").contains(names.peek());
                if (!insideReplaced && !inScriptOrStyle && text.codePoints().anyMatch(Character::isLetter)) {
                    found.add(text);
                }
                i = next;
            }
        }
        return found;
    }

    /** The closing {@code >} of the tag opened at {@code start}, skipping quoted attribute values. */
    private static int tagEnd(String html, int start) {
        char quote = 0;
        for (int i = start + 1; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw new IllegalArgumentException("Unclosed tag at " + start);
    }

    @Test
    void theTextCheckFindsLiteralTextAndLeavesReplacedTextAlone() {
        assertThat(literalText("<p th:text=\"#{a}\">Preview <b>text</b></p><p>Hard-coded</p>"
                + "<input th:value=\"${x > 1}\"><span> · </span><div th:if=\"${a > b}\">Also hard-coded</div>"))
                .containsExactly("Hard-coded", "Also hard-coded");
    }
}
