package io.flotilla.worker;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Update Presence (op 3) sets for a shard's session (GATEWAY.md section 7): status, afk, since, activities.
 * A value; every field is checked when built, so a presence is always a valid op 3.
 *
 * @param status the status
 * @param afk whether the bot is AFK
 * @param since unix ms since when it is idle, or null
 * @param activities what the bot is doing (may be empty)
 */
public record Presence(
        PresenceStatus status, boolean afk, @Nullable Long since, List<Activity> activities) {
    public Presence {
        activities = List.copyOf(activities);
    }

    /** Online, not AFK, with these activities. */
    public static Presence online(Activity... activities) {
        return new Presence(PresenceStatus.ONLINE, false, null, List.of(activities));
    }

    /**
     * One activity of a presence.
     *
     * @param name its name (shown as "Playing {name}" for type 0)
     * @param type 0 playing, 1 streaming, 2 listening, 3 watching, 4 custom, 5 competing
     * @param state the custom status text (type 4), or null
     */
    public record Activity(String name, int type, @Nullable String state) {
        public Activity {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an activity needs a name");
            }
            if (type < 0 || type > 5) {
                throw new IllegalArgumentException("activity type must be 0 to 5, was " + type);
            }
        }

        /** "Playing {name}". */
        public static Activity playing(String name) {
            return new Activity(name, 0, null);
        }

        /** A custom status showing {@code text}. */
        public static Activity custom(String text) {
            return new Activity("Custom Status", 4, text);
        }
    }
}
