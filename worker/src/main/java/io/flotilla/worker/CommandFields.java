package io.flotilla.worker;

/**
 * The field names of an entry in a command stream {@code g:command:<shard>} ({@code op}, {@code d}) and of a
 * rejected command in {@code g:command:rejected} (the original fields, plus {@code reason}, {@code shard} and
 * the original entry's {@code id}).
 *
 * <p>Constants only.
 */
public final class CommandFields {
    public static final String OP = "op";
    public static final String DATA = "d";
    public static final String REASON = "reason";
    public static final String SHARD = "shard";
    public static final String ENTRY_ID = "id";

    private CommandFields() {}
}
