package io.flotilla.node;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values out of an environment map and turns every bad value into a {@link ConfigException} naming
 * the variable, the value and what is accepted. A blank value counts as unset (a Kubernetes manifest often sets
 * {@code VAR: ""}). Values of secret variables are never quoted in a message.
 *
 * <p>Immutable; one per parse.
 */
final class EnvReader {
    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The trimmed value, or empty when unset or blank. */
    Optional<String> get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    boolean has(String name) {
        return get(name).isPresent();
    }

    String required(String name, String what) {
        return get(name).orElseThrow(() -> new ConfigException(name, "is required: " + what));
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> value = get(name);
        return value.isEmpty() ? defaultValue : parseInt(name, value.get(), min, max);
    }

    static int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new ConfigException(
                name, "'" + value + "' is not accepted: give a whole number from " + min + " to " + max);
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default ->
                throw new ConfigException(
                        name, "'" + value.get() + "' is not accepted: give true or false (also yes/no, 1/0, on/off)");
        };
    }

    /** A duration: {@code 25} (seconds), {@code 25s}, {@code 1500ms} or {@code 2m}; at least {@code min}. */
    Duration duration(String name, Duration defaultValue, Duration min) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value.get());
        if (parsed == null || parsed.compareTo(min) < 0) {
            throw new ConfigException(
                    name,
                    "'" + value.get() + "' is not accepted: give a duration of at least " + min.toMillis()
                            + " ms as seconds (25), or with a unit (25s, 1500ms, 2m)");
        }
        return parsed;
    }

    /** A number of milliseconds (test-only timing variables); empty when unset. */
    Optional<Duration> millis(String name, long min) {
        return get(name).map(value -> Duration.ofMillis(parseInt(name, value, (int) min, Integer.MAX_VALUE)));
    }

    private static @Nullable Duration parseDuration(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(
                        Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(
                        Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
