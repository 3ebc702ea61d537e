package io.flotilla.node;

import java.util.Locale;

/**
 * How the node writes its log ({@code LOG_FORMAT}): lines for people, or one JSON object per line for log shippers
 * (logback's {@code JsonEncoder}: timestamp, level, logger, thread, message, the MDC with {@code node} and
 * {@code shard}, and the exception). {@link Main} hands the choice to logback.xml through the system property
 * {@value #PROPERTY} before anything logs.
 */
public enum LogFormat {
    /** {@code HH:mm:ss.SSS LEVEL [thread] logger - message}, with node and shard when set. */
    TEXT,
    /** One JSON object per line. */
    JSON;

    public static final String VARIABLE = "LOG_FORMAT";
    /** The system property logback.xml reads to pick its appender. */
    public static final String PROPERTY = "flotilla.log.format";

    /** The value as written in the environment and in logback.xml's appender names. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LogFormat parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ConfigException(VARIABLE, "'" + value + "' is not accepted: give text or json");
        };
    }
}
