package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The conformance kit over the store {@code check} was given. The launcher instantiates this class
 * itself, so the store's URL reaches it through {@link #target}, set by {@link CheckCommand} before
 * the run and cleared after; one check runs per process.
 */
public class CheckedStore extends PersistentStorageConformanceTest {
  /** The store under check, and the entries the kit wrote there (removed afterwards). */
  record Target(String url, Map<String, String> options, Set<Map.Entry<String, String>> written) {
    Target(String url, Map<String, String> options) {
      this(url, Map.copyOf(options), ConcurrentHashMap.newKeySet());
    }
  }

  static volatile @Nullable Target target;

  /** Created by the JUnit Platform. */
  public CheckedStore() {}

  @Override
  protected PersistentStorage createStorage() {
    Target current = target;
    if (current == null) {
      throw new IllegalStateException("CheckedStore runs only from the check command");
    }
    return new Recording(PersistentStorages.open(current.url(), current.options()), current);
  }

  /** Passes every call through, noting what was written so that it can be deleted afterwards. */
  private static final class Recording implements PersistentStorage {
    private final PersistentStorage delegate;
    private final Target target;

    Recording(PersistentStorage delegate, Target target) {
      this.delegate = delegate;
      this.target = target;
    }

    @Override
    public UserPersistedValues load(String key) {
      return delegate.load(key);
    }

    @Override
    public void save(String key, String configName, StickyValues values) {
      note(key, configName);
      delegate.save(key, configName, values);
    }

    @Override
    public void delete(String key, String configName) {
      delegate.delete(key, configName);
    }

    @Override
    public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
      note(key, configName);
      return delegate.saveIfAbsent(key, configName, values);
    }

    @Override
    public void deleteAll(String key) {
      delegate.deleteAll(key);
    }

    @Override
    public Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
      if (entry != null) {
        note(entry.key(), entry.configName());
      }
      return delegate.copyIfAbsent(entry);
    }

    @Override
    public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
      return delegate.loadAll(keys);
    }

    @Override
    public void close() {
      delegate.close();
    }

    private void note(@Nullable String key, @Nullable String configName) {
      if (key != null && !key.isBlank() && configName != null && !configName.isBlank()) {
        target.written().add(Map.entry(key, configName));
      }
    }
  }
}
