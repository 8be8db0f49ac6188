package dev.assay.report.render;

/**
 * HTML escaping. Every string that comes from a run (model, suite, environment, command line,
 * warnings) passes through {@link #esc}; markup is only ever produced by Assay's own code.
 */
public final class Html {
    private Html() {
    }

    /** Escapes text for element content and quoted attribute values. Null becomes empty. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters other than tab/newline are invalid in HTML and SVG text.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
