package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Locale;
import java.util.Optional;

/**
 * Broken on purpose: compares keys ignoring case, as a key column with a case-insensitive collation
 * does (MariaDB's default), so {@code Alice:userID} and {@code alice:userID} are one user.
 */
final class CaseInsensitiveKeyStorage extends ForwardingStorage {
  CaseInsensitiveKeyStorage(PersistentStorage delegate) {
    super(delegate);
  }

  private static String fold(String key) {
    return key.toLowerCase(Locale.ROOT);
  }

  @Override
  public UserPersistedValues load(String key) {
    return delegate.load(fold(key));
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    delegate.save(fold(key), configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    delegate.delete(fold(key), configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    return delegate.saveIfAbsent(fold(key), configName, values);
  }
}
