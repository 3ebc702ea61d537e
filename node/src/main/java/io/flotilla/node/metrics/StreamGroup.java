package io.flotilla.node.metrics;

import java.util.List;
import java.util.Optional;

/**
 * One consumer group as {@code XINFO GROUPS} describes it (a flat list of field names and values: {@code name},
 * {@code consumers}, {@code pending}, ...). A value.
 *
 * @param name the group's name
 * @param pending entries delivered to it and not acknowledged yet
 */
record StreamGroup(String name, long pending) {
    /** The group a raw {@code XINFO GROUPS} entry describes, or empty when it is not one. */
    static Optional<StreamGroup> parse(Object entry) {
        if (!(entry instanceof List<?> fields)) {
            return Optional.empty();
        }
        String name = null;
        long pending = -1;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String field = String.valueOf(fields.get(i));
            Object value = fields.get(i + 1);
            if (field.equals("name")) {
                name = String.valueOf(value);
            } else if (field.equals("pending") && value instanceof Number number) {
                pending = number.longValue();
            }
        }
        return name == null || pending < 0 ? Optional.empty() : Optional.of(new StreamGroup(name, pending));
    }
}
