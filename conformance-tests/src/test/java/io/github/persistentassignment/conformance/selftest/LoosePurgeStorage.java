package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Broken on purpose: purge removes every config whose name starts with the given one, as a {@code
 * LIKE 'name%'} or a Redis {@code MATCH name*} would.
 */
final class LoosePurgeStorage extends ForwardingStorage implements EnumerableStorage {
  private final EnumerableStorage enumerable;

  LoosePurgeStorage(EnumerableStorage delegate) {
    super(delegate);
    this.enumerable = delegate;
  }

  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    enumerable.forEachEntry(action);
  }

  @Override
  public long purge(String configName) {
    List<StoredEntry> matching = new ArrayList<>();
    enumerable.forEachEntry(
        entry -> {
          if (entry.configName().startsWith(configName)) {
            matching.add(entry);
          }
        });
    matching.forEach(entry -> delegate.delete(entry.key(), entry.configName()));
    return matching.size();
  }
}
