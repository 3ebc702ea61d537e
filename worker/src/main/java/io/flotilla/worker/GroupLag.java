package io.flotilla.worker;

/**
 * How far one consumer group is behind on one event stream. A value.
 *
 * @param group the consumer group
 * @param consumers consumers registered in the group
 * @param pending entries delivered to a consumer and not acknowledged yet
 * @param lag entries not delivered to the group yet; capped at {@link EventStreamStats#LAG_CAP} when Redis
 *     (before 7.0) does not report it and it is counted instead
 */
public record GroupLag(String group, long consumers, long pending, long lag) {}
