// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * Pure strategy that splits a {@link DispatchCore}'s queue into levels (length bins) and its members over
 * them: where a new or requeued item goes, and how many members each level should have for the arrival
 * rates last observed. {@link #single()} is one level that every member serves, the shape of an engine
 * scheduler; the encoders' length bins are another implementation.
 *
 * <p>A member assigned to level {@code b} serves level {@code b} or, when that is empty and
 * {@link #membersServeShorterLevels()}, the nearest shorter non-empty one: a short item may ride on a longer
 * level's member, never the reverse.
 * Implementations are immutable and read only their arguments.
 */
public interface Levels {
    /** Number of levels; at least 1. */
    int count();

    /** The tightest level for an item of {@code tokens} tokens: what the arrival histogram counts. */
    int binOf(int tokens);

    /** The level an item of {@code tokens} tokens joins, given the loads now. */
    int route(int tokens, Loads loads);

    /** How often the members are re-split from the arrivals of the last period; {@link Long#MAX_VALUE} never. */
    long periodNanos();

    /**
     * Members per level for {@code live} live members and arrival rates (per second, per {@link #binOf}
     * level) of the last period; {@code null} rates (none observed yet) give the split the core starts with.
     * The result sums to {@code live}.
     */
    int[] split(int live, double @Nullable [] ratesPerSecond);

    /**
     * Whether a member whose level is empty serves the nearest shorter non-empty one (true, the default: a
     * runtime of dynamic shapes, where a short item rides on a longer level's member); false keeps every member
     * to its own level (a static-shape runtime per bin, fed only what is routed to it).
     */
    default boolean membersServeShorterLevels() {
        return true;
    }

    /**
     * How long a member moved to another level is unavailable, after the batch it runs, while it loads that
     * level's runtime (a static-shape runtime per bin); 0, the default, when moving costs nothing.
     */
    default long switchNanos() {
        return 0;
    }

    /** Read-only loads of the levels as {@link #route} sees them. */
    interface Loads {
        /** Items queued on {@code level}. */
        int queued(int level);

        /** Live members assigned to {@code level}. */
        int members(int level);

        /** Items in flight on the live members assigned to {@code level}. */
        int inFlight(int level);
    }

    /** One level that every member serves. */
    static Levels single() {
        return SingleLevel.INSTANCE;
    }
}

/** The single level. */
enum SingleLevel implements Levels {
    INSTANCE;

    @Override
    public int count() {
        return 1;
    }

    @Override
    public int binOf(int tokens) {
        return 0;
    }

    @Override
    public int route(int tokens, Loads loads) {
        return 0;
    }

    @Override
    public long periodNanos() {
        return Long.MAX_VALUE;
    }

    @Override
    public int[] split(int live, double @Nullable [] ratesPerSecond) {
        return new int[] {live};
    }
}
