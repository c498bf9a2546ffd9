package org.helpdesk.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pass spelled out for reading over the phone: "7", "K as in Kilo", … (ICAO spelling alphabet). */
public final class PassSpelling {

    private static final Map<Character, String> WORDS = Map.ofEntries(
            Map.entry('A', "Alfa"), Map.entry('B', "Bravo"), Map.entry('C', "Charlie"), Map.entry('D', "Delta"),
            Map.entry('E', "Echo"), Map.entry('F', "Foxtrot"), Map.entry('G', "Golf"), Map.entry('H', "Hotel"),
            Map.entry('J', "Juliett"), Map.entry('K', "Kilo"), Map.entry('M', "Mike"), Map.entry('N', "November"),
            Map.entry('P', "Papa"), Map.entry('Q', "Quebec"), Map.entry('R', "Romeo"), Map.entry('S', "Sierra"),
            Map.entry('T', "Tango"), Map.entry('V', "Victor"), Map.entry('W', "Whiskey"), Map.entry('X', "X-ray"),
            Map.entry('Y', "Yankee"), Map.entry('Z', "Zulu"));

    private PassSpelling() {
    }

    /** One entry per character: a digit as itself, a letter with its word. */
    public static List<Spelled> spell(String pass) {
        List<Spelled> out = new ArrayList<>(pass.length());
        for (char c : pass.toCharArray()) {
            out.add(new Spelled(String.valueOf(c), WORDS.get(c)));
        }
        return out;
    }

    /**
     * The pass as a screen reader should say it: one character at a time, with a pause between the groups of
     * the shown pass, as in {@code "7 K Q 4, M 2 X D, 9 R T A"}.
     */
    public static String spoken(String pass) {
        StringBuilder out = new StringBuilder(pass.length() * 2 + pass.length() / 4);
        for (int i = 0; i < pass.length(); i++) {
            if (i > 0) {
                out.append(i % 4 == 0 ? ", " : " ");
            }
            out.append(pass.charAt(i));
        }
        return out.toString();
    }

    public record Spelled(String character, String word) {
    }
}
