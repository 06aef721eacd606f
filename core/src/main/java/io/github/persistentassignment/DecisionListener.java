package io.github.persistentassignment;

/**
 * Told of every decision {@link PersistentAssignment} makes, through either API: what metrics (the
 * metrics-micrometer module's {@code PersistentAssignmentMetrics}), audit logs or exposure logging
 * hang on.
 *
 * <pre>{@code
 * PersistentAssignment assignment = PersistentAssignment.builder()
 *     .storage(storage)
 *     .evaluator(catalog)
 *     .decisionListener(result -> log.debug("{} -> {}", result.name(), result.reason()))
 *     .build();
 * }</pre>
 *
 * <p>Called on the evaluating thread, after the decision and its storage writes; keep it quick and
 * thread-safe. An exception it throws is logged and ignored: a listener never changes what the
 * caller gets.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface DecisionListener {
  /**
   * One decision was made.
   *
   * @param assignment what the caller gets, with its {@link Assignment#reason()}
   */
  void decided(Assignment assignment);
}
