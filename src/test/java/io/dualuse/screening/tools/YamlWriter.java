package io.dualuse.screening.tools;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as YAML, the same way every time: block mappings, short lists and small
 * mappings of scalars on one line ({@code [a, b]}, {@code {code: '2841801000', verified: true}}),
 * every free-text string single-quoted. A library emitter would do, but its output changes with
 * its version and settings, and the import must reproduce the committed file byte for byte.
 */
final class YamlWriter {

    private static final Pattern PLAIN = Pattern.compile("[A-Z][A-Za-z0-9_.-]*|\\d{4}-\\d{2}-\\d{2}");
    private static final int INLINE_MAP = 110;

    String write(JsonNode root) {
        StringBuilder b = new StringBuilder();
        mapping(b, root, 0);
        return b.toString();
    }

    private void mapping(StringBuilder b, JsonNode map, int indent) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!first || indent > 0) {
                b.append(" ".repeat(indent));
            }
            first = false;
            field(b, f.getKey(), f.getValue(), indent);
        }
    }

    /** Writes {@code key: value} at the current position (the indentation is already there). */
    private void field(StringBuilder b, String key, JsonNode value, int indent) {
        b.append(key).append(':');
        if (value.isObject() && !value.isEmpty()) {
            String inline = inlineMap(value);
            if (inline != null) {
                b.append(' ').append(inline).append('\n');
            } else {
                b.append('\n');
                mapping(b, value, indent + 2);
            }
        } else if (value.isArray() && !value.isEmpty() && !allScalars(value)) {
            b.append('\n');
            for (JsonNode item : value) {
                b.append(" ".repeat(indent)).append("- ");
                String inline = item.isObject() ? inlineMap(item) : null;
                if (inline != null) {
                    b.append(inline).append('\n');
                } else if (item.isObject()) {
                    boolean first = true;
                    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        if (!first) {
                            b.append(" ".repeat(indent + 2));
                        }
                        first = false;
                        field(b, f.getKey(), f.getValue(), indent + 2);
                    }
                } else {
                    b.append(scalar(item)).append('\n');
                }
            }
        } else {
            b.append(' ').append(inlineValue(value)).append('\n');
        }
    }

    private String inlineValue(JsonNode v) {
        if (v.isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (JsonNode item : v) {
                b.append(b.length() > 1 ? ", " : "").append(scalar(item));
            }
            return b.append(']').toString();
        }
        if (v.isObject()) {
            return "{}";
        }
        return scalar(v);
    }

    private String inlineMap(JsonNode map) {
        StringBuilder b = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isContainerNode()) {
                return null;
            }
            b.append(b.length() > 1 ? ", " : "").append(f.getKey()).append(": ").append(scalar(f.getValue()));
        }
        b.append('}');
        return b.length() <= INLINE_MAP ? b.toString() : null;
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isBoolean() || v.isNumber()) {
            return v.asText();
        }
        String s = v.asText();
        if (PLAIN.matcher(s).matches() && !java.util.Set.of("Y", "N", "YES", "NO", "ON", "OFF", "TRUE", "FALSE", "NULL").contains(s)) {
            return s;
        }
        return "'" + s.replace("'", "''") + "'";
    }
}
