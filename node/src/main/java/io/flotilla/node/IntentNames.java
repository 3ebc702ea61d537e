package io.flotilla.node;

import io.flotilla.protocol.Intents;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code INTENTS}: a number ({@code 513}) or intent names separated by commas ({@code GUILDS,
 * GUILD_MESSAGES}, any case), the names being {@link Intents}'s flag constants. Bits Discord does not define are
 * refused here rather than by Discord's close 4013. Stateless.
 */
final class IntentNames {
    static final String VARIABLE = "INTENTS";

    /** Every flag constant of {@link Intents} (not the sums KNOWN and PRIVILEGED), by name. */
    private static final Map<String, Long> FLAGS = flags();

    /** Without {@code INTENTS}: every intent that needs no approval in the developer portal. */
    static final Intents DEFAULT = new Intents(Intents.KNOWN & ~Intents.PRIVILEGED);

    private IntentNames() {}

    static Intents parse(String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            long bits;
            try {
                bits = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw bad(value);
            }
            Intents intents = new Intents(bits);
            if (intents.unknownBits() != 0) {
                throw new ConfigException(
                        VARIABLE,
                        "'" + value + "' has bits Discord does not define (" + intents.unknownBits()
                                + "); the known bits sum to " + Intents.KNOWN);
            }
            return intents;
        }
        long bits = 0;
        for (String part : value.split(",")) {
            Long flag = FLAGS.get(part.trim().toUpperCase(Locale.ROOT));
            if (flag == null) {
                throw bad(part.trim());
            }
            bits |= flag;
        }
        return new Intents(bits);
    }

    private static ConfigException bad(String value) {
        return new ConfigException(
                VARIABLE,
                "'" + value + "' is not accepted: give a number or names separated by commas from "
                        + String.join(", ", FLAGS.keySet()));
    }

    private static Map<String, Long> flags() {
        Map<String, Long> flags = new TreeMap<>();
        for (Field field : Intents.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers)
                    && field.getType() == long.class
                    && !field.getName().equals("KNOWN")
                    && !field.getName().equals("PRIVILEGED")) {
                try {
                    flags.put(field.getName(), field.getLong(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Intents." + field.getName() + " is public", e);
                }
            }
        }
        return java.util.Collections.unmodifiableMap(flags);
    }
}
