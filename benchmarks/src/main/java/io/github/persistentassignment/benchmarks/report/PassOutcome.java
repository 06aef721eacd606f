package io.github.persistentassignment.benchmarks.report;

import org.jspecify.annotations.Nullable;

/**
 * How one pass of a run ended, with the machine's load beside it: the report lists every pass, so a
 * reader sees which figures were measured on a busy machine and which pass failed and why.
 *
 * @param name the pass, such as {@code storage-redis-8t}
 * @param failed whether it threw instead of finishing
 * @param error the failure's type and message, or null when it finished
 * @param loadBefore the 1, 5 and 15 minute load averages when it started
 * @param loadAfter the same when it ended
 * @param seconds how long it took
 */
public record PassOutcome(
    String name,
    boolean failed,
    @Nullable String error,
    String loadBefore,
    String loadAfter,
    long seconds) {}
