package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.time.Duration;

/**
 * The reference adapter passes the whole kit, every capability included. It lives in another
 * package than the kit, as a user's subclass does.
 */
// tag::own-adapter-kit[]
class ReferenceStorageConformanceTest extends PersistentStorageConformanceTest {
  // One backend per test class instance: every storage the kit creates sees the same data.
  private final ReferenceBackend backend = new ReferenceBackend();
  private final MutableClock clock = new MutableClock();

  @Override
  protected PersistentStorage createStorage() {
    return backend.storage(clock, null);
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return backend.storage(clock, ttl);
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration);
  }

  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    backend.writeRaw(key, configName, raw);
  }

  @Override
  protected void writeForeignItem(String key) {
    backend.writeForeign(key);
  }
}
// end::own-adapter-kit[]
