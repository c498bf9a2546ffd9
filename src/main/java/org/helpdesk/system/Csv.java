package org.helpdesk.system;

/** CSV cells that a spreadsheet shows as text: quoted, and never read as a formula (CSV injection). */
public final class Csv {

    private Csv() {
    }

    /** A row of cells, each made safe by {@link #cell}, ending with CRLF (RFC 4180). */
    public static String row(String... values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(values[i]));
        }
        return out.append("\r\n").toString();
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
