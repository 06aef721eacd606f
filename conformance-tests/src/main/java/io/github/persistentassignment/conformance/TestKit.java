package io.github.persistentassignment.conformance;

import io.github.persistentassignment.PersistentStorage;
import java.time.Duration;

/**
 * A kit subclass as the test groups in other files see it: its adapter instances (created, tracked
 * and closed by the subclass's {@link PersistentStorageConformanceTest}), its key prefix and its
 * hooks.
 */
final class TestKit implements ContractScenarios.Kit {
  private final PersistentStorageConformanceTest test;

  TestKit(PersistentStorageConformanceTest test) {
    this.test = test;
  }

  @Override
  public PersistentStorage storage() {
    return test.storage();
  }

  @Override
  public PersistentStorage newStorage() {
    return test.newStorage();
  }

  @Override
  public String prefix() {
    return test.prefix();
  }

  @Override
  public boolean supportsTtl() {
    return test.supportsTtl();
  }

  @Override
  public PersistentStorage newStorageWithTtl(Duration ttl) {
    return test.track(() -> test.createStorageWithTtl(ttl), "createStorageWithTtl(Duration)");
  }

  @Override
  public Duration ttlForTests() {
    return test.ttlForTests();
  }

  @Override
  public void advanceTime(Duration duration) {
    test.advanceTime(duration);
  }

  @Override
  public Duration expiryResolution() {
    return test.expiryResolution();
  }

  @Override
  public int maxValueBytes() {
    return test.maxValueBytes();
  }

  @Override
  public void writeRawEntry(String key, String configName, String raw) {
    test.writeRawEntry(key, configName, raw);
  }

  @Override
  public void writeForeignItem(String key) {
    test.writeForeignItem(key);
  }
}
