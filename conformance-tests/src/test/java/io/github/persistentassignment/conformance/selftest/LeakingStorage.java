package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broken on purpose: correct answers, but calls keep memory they never free, as a client that
 * registers a listener per call and never removes it would. It leaks at most one block per
 * millisecond, so the leak grows with time (about 128 MB a second while calls keep coming) however
 * fast or slow the machine runs them; a starved machine (load 11 on 2 cores) still ran calls in
 * only about 110 of a second's milliseconds, so a block is twice the 64 KiB it first was. Every
 * kind of call leaks, not only saves: on a slow, busy machine (a cold JVM) saves alone were too
 * rare to leak past the bound within a one-second run.
 */
final class LeakingStorage extends ForwardingStorage {
  private static final int BLOCK_BYTES = 128 * 1024;

  private final Queue<byte[]> leaked;
  private final AtomicLong lastLeakMillis = new AtomicLong();

  LeakingStorage(PersistentStorage delegate, Queue<byte[]> leaked) {
    super(delegate);
    this.leaked = leaked;
  }

  static Queue<byte[]> newLeak() {
    return new ConcurrentLinkedQueue<>();
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    leak();
    delegate.save(key, configName, values);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    leak();
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public UserPersistedValues load(String key) {
    leak();
    return delegate.load(key);
  }

  private void leak() {
    long now = System.nanoTime() / 1_000_000;
    long last = lastLeakMillis.get();
    if (now != last && lastLeakMillis.compareAndSet(last, now)) {
      leaked.add(new byte[BLOCK_BYTES]);
    }
  }
}
