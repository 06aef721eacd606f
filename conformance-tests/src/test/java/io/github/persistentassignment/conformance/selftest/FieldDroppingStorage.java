package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.util.List;
import java.util.Optional;

/**
 * Broken on purpose: does not store the secondary exposures, as an adapter that forgot a field in
 * its encoding would; every other field round-trips.
 */
final class FieldDroppingStorage extends ForwardingStorage {
  FieldDroppingStorage(PersistentStorage delegate) {
    super(delegate);
  }

  private static StickyValues withoutExposures(StickyValues values) {
    return values.toBuilder().secondaryExposures(List.of()).build();
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    delegate.save(key, configName, withoutExposures(values));
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    return delegate.saveIfAbsent(key, configName, withoutExposures(values));
  }
}
