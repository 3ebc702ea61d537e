package io.flotilla.fake.world;

import java.util.random.RandomGenerator;

/**
 * Made-up names for the world's guilds, users, channels, roles and emojis, drawn from small word lists.
 * Stateless and thread-safe; every choice comes from the caller's random generator.
 */
final class Names {

    private static final String[] ADJECTIVES = {
        "amber", "brave", "calm", "dusty", "eager", "fuzzy", "gentle", "happy", "icy", "jolly", "keen", "lucky",
        "misty", "noble", "odd", "proud", "quiet", "rapid", "silver", "tidy", "urban", "vivid", "witty", "young",
        "zesty", "bold", "crisp", "deep", "early", "fair", "grand", "hidden"
    };
    private static final String[] NOUNS = {
        "otter", "falcon", "maple", "harbor", "comet", "lantern", "meadow", "pixel", "river", "summit", "tiger",
        "violet", "willow", "anchor", "badger", "canyon", "dragon", "ember", "fjord", "garden", "heron", "island",
        "jaguar", "kettle", "lotus", "mango", "nebula", "orbit", "pepper", "quartz", "raven", "sparrow"
    };
    private static final String[] TOPICS = {
        "general",
        "random",
        "memes",
        "music",
        "gaming",
        "art",
        "help",
        "news",
        "dev",
        "off-topic",
        "media",
        "ideas",
        "support",
        "trading",
        "events",
        "showcase"
    };
    private static final String[] ROLES = {
        "Moderator",
        "Member",
        "Regular",
        "Artist",
        "Developer",
        "Helper",
        "Booster",
        "Veteran",
        "Guest",
        "DJ",
        "Streamer",
        "Organizer"
    };
    private static final String[] WORDS = {
        "hello",
        "anyone",
        "around",
        "tonight",
        "just",
        "shipped",
        "the",
        "new",
        "build",
        "looks",
        "great",
        "lol",
        "did",
        "you",
        "see",
        "that",
        "match",
        "what",
        "time",
        "is",
        "it",
        "there",
        "brb",
        "thanks",
        "for",
        "help",
        "nice",
        "idea",
        "agreed",
        "maybe",
        "tomorrow",
        "again"
    };

    private Names() {}

    static String guild(RandomGenerator rng) {
        return capitalize(pick(rng, ADJECTIVES)) + " " + capitalize(pick(rng, NOUNS)) + " " + pick(rng, GUILD_KINDS);
    }

    private static final String[] GUILD_KINDS = {"Club", "Hub", "Lounge", "Guild", "Crew", "Society", "Den", "Camp"};

    /** A lowercase, Discord-style unique username; {@code serial} makes it unique. */
    static String username(RandomGenerator rng, long serial) {
        return pick(rng, ADJECTIVES) + "_" + pick(rng, NOUNS) + serial;
    }

    static String displayName(RandomGenerator rng) {
        return capitalize(pick(rng, ADJECTIVES)) + " " + capitalize(pick(rng, NOUNS));
    }

    static String textChannel(RandomGenerator rng, int serial) {
        return serial < TOPICS.length ? TOPICS[serial] : pick(rng, TOPICS) + "-" + serial;
    }

    static String voiceChannel(int serial) {
        return "Voice " + (serial + 1);
    }

    static String category(int serial) {
        return serial == 0 ? "Text Channels" : "Category " + (serial + 1);
    }

    static String thread(RandomGenerator rng) {
        return pick(rng, WORDS) + " " + pick(rng, NOUNS) + " thread";
    }

    static String role(RandomGenerator rng, int serial) {
        return serial < ROLES.length ? ROLES[serial] : pick(rng, ROLES) + " " + serial;
    }

    static String emoji(RandomGenerator rng, int serial) {
        return pick(rng, NOUNS) + "_" + serial;
    }

    static String nick(RandomGenerator rng) {
        return capitalize(pick(rng, NOUNS)) + pick(rng, ADJECTIVES).length();
    }

    /** A short chat line of 2 to 9 words. */
    static String sentence(RandomGenerator rng) {
        int words = 2 + rng.nextInt(8);
        StringBuilder line = new StringBuilder(words * 6);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(pick(rng, WORDS));
        }
        return line.toString();
    }

    /** A fake 32-hex-digit image hash, as Discord uses for icons and avatars. */
    static String imageHash(RandomGenerator rng) {
        return Long.toHexString(rng.nextLong() | Long.MIN_VALUE) + Long.toHexString(rng.nextLong() | Long.MIN_VALUE);
    }

    static String pick(RandomGenerator rng, String[] words) {
        return words[rng.nextInt(words.length)];
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
