package io.github.persistentassignment.integration.openfeature;

/**
 * A unit of work (typically one request) in which each user's stored entries are loaded once, on
 * the thread that opened it, however many sticky flags it evaluates.
 *
 * <pre>{@code
 * try (StickyScope scope = sticky.openScope()) {
 *   boolean newCheckout = client.getBooleanValue("new-checkout", false, context); // one load
 *   String banner = client.getStringValue("banner", "none", context);             // no I/O
 * }
 * }</pre>
 *
 * <p>Why a scope: the OpenFeature SDK builds a new merged evaluation context for every evaluation
 * and hands the provider nothing else that lasts across a request (its layers are private, and
 * hooks can only pass attribute values on), so the provider cannot recognise "the same request" by
 * itself. Outside a scope every sticky evaluation loads once.
 *
 * <p>Inside a scope a saved first assignment, a deletion or a failed load is remembered until the
 * scope closes: the next evaluation of the same user needs no I/O and a failed load is not retried.
 * Scopes are per thread: evaluations on other threads are not affected, and opening a scope where
 * one is already open joins it (closing the inner one does nothing). Keep a scope short: it does
 * not see other servers' writes while it is open.
 */
public final class StickyScope implements AutoCloseable {
  private final Runnable onClose;
  private boolean closed;

  StickyScope(Runnable onClose) {
    this.onClose = onClose;
  }

  /**
   * Ends the scope: this thread's evaluations load again. Idempotent.
   *
   * @throws IllegalStateException if called on another thread than the one that opened the scope
   */
  @Override
  public void close() {
    if (!closed) {
      onClose.run();
      closed = true;
    }
  }
}
