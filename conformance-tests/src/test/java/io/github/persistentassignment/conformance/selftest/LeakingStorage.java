package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Broken on purpose: correct answers, but every save keeps a kilobyte it never frees, as a client
 * that registers a listener per call and never removes it would.
 */
final class LeakingStorage extends ForwardingStorage {
  private static final int LEAKED_BYTES_PER_SAVE = 1024;

  private final Queue<byte[]> leaked;

  LeakingStorage(PersistentStorage delegate, Queue<byte[]> leaked) {
    super(delegate);
    this.leaked = leaked;
  }

  static Queue<byte[]> newLeak() {
    return new ConcurrentLinkedQueue<>();
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    leaked.add(new byte[LEAKED_BYTES_PER_SAVE]);
    delegate.save(key, configName, values);
  }
}
