package org.helpdesk.passes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.helpdesk.accounts.InvalidInputException;

/**
 * The uploaded list of a batch: UTF-8 text, one person a line, the email address in the first column (comma,
 * semicolon or tab separated, quotes allowed), an optional header line, blank lines ignored.
 */
final class BatchCsv {

    static final int MAX_BYTES = 256 * 1024;
    private static final Set<String> HEADERS = Set.of("email", "e-mail", "mail", "email address", "emailaddress");

    /** An email address and the line of the file it is on, counted from 1. */
    record Row(int line, String email) {
    }

    private BatchCsv() {
    }

    static List<Row> read(byte[] content) {
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", "batch.file.required");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException("file", "batch.file.tooLarge");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", "batch.file.notText");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException("file", "batch.file.notText");
        }
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String cell = firstCell(lines[i]);
            if (cell.isEmpty() || (rows.isEmpty() && HEADERS.contains(cell.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            rows.add(new Row(i + 1, cell));
            if (rows.size() > PassBatches.MAX_PEOPLE) {
                throw new InvalidInputException("file", "batch.tooMany");
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("file", "batch.empty");
        }
        return rows;
    }

    private static String firstCell(String line) {
        String value = line.strip();
        if (value.startsWith("\"")) {
            int end = value.indexOf('"', 1);
            return (end < 0 ? value.substring(1) : value.substring(1, end)).strip();
        }
        int end = value.length();
        for (char separator : new char[] {',', ';', '\t'}) {
            int at = value.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return value.substring(0, end).strip();
    }
}
