package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broken on purpose: loadAll leaves out the keys that have no entries, as an adapter that builds
 * its answer from the rows the backend returned would. A request that preloads such a key then
 * loads it again.
 */
final class SparseLoadAllStorage extends ForwardingStorage {

  SparseLoadAllStorage(PersistentStorage delegate) {
    super(delegate);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    Map<String, UserPersistedValues> found = new LinkedHashMap<>(delegate.loadAll(keys));
    found.values().removeIf(UserPersistedValues::isEmpty);
    return found;
  }
}
