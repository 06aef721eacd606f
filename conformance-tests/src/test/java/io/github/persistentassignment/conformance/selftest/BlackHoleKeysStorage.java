package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.util.Optional;

/**
 * Broken on purpose: silently drops every write to about one key in four, as writes sent to a shard
 * that does not keep them would be, while reporting success (a dropped saveIfAbsent claims to have
 * written).
 */
final class BlackHoleKeysStorage extends ForwardingStorage {
  BlackHoleKeysStorage(PersistentStorage delegate) {
    super(delegate);
  }

  static boolean dropsWritesTo(String key) {
    return Math.floorMod(key.hashCode(), 4) == 0;
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    if (!dropsWritesTo(key)) {
      delegate.save(key, configName, values);
    }
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    if (dropsWritesTo(key)) {
      // The round trip it pretends to make, so that contending calls overlap as they would over a
      // network: on a starved machine, instant answers rarely met and no two claimed one entry.
      Pause.briefly();
      return Optional.empty();
    }
    return delegate.saveIfAbsent(key, configName, values);
  }
}
