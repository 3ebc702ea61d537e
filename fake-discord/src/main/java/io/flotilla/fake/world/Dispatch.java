package io.flotilla.fake.world;

/**
 * One gateway event as the world produced it: the event name ({@code t}) and the JSON of its {@code d},
 * UTF-8 encoded. The server wraps it in an envelope with a session's next sequence number.
 *
 * @param type the event name, e.g. {@code MESSAGE_CREATE}
 * @param data the raw JSON of {@code d}; never modified after creation
 * @param requiredIntents the intent bits a session needs to receive it (0: always sent)
 */
public record Dispatch(String type, byte[] data, int requiredIntents) {}
