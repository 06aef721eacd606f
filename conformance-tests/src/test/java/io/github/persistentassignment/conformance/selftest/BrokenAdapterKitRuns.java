package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import java.time.Clock;
import java.util.Map;

/**
 * Kit subclasses over the broken adapters and a minimal one, and the storage key property over the
 * reference adapter and a broken one. Their names end in {@code KitRun} so Surefire does not run
 * them on their own; {@link KitSelfTest} runs each through the JUnit Platform's EngineTestKit and
 * checks which tests fail.
 */
final class BrokenAdapterKitRuns {
  private BrokenAdapterKitRuns() {}

  /** Saves read the whole user map and write it back. */
  static class LossyReadModifyWriteKitRun extends PersistentStorageConformanceTest {
    private final Map<String, Map<String, StickyValues>> users =
        LossyReadModifyWriteStorage.newBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new LossyReadModifyWriteStorage(users);
    }
  }

  /** saveIfAbsent is a load followed by a save. */
  static class NonAtomicSaveIfAbsentKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new NonAtomicSaveIfAbsentStorage(
          new ReferenceStorage(backend, Clock.systemUTC(), null));
    }
  }

  /** delete drops every entry of the key. */
  static class WholeKeyDeleteKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new WholeKeyDeleteStorage(
          new ReferenceStorage(backend, Clock.systemUTC(), null), backend);
    }
  }

  /** Each instance caches what it loaded. */
  static class StaleCacheKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new StaleCacheStorage(new ReferenceStorage(backend, Clock.systemUTC(), null));
    }
  }

  /** loadAll leaves out keys without entries. */
  static class SparseLoadAllKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new SparseLoadAllStorage(new ReferenceStorage(backend, Clock.systemUTC(), null));
    }
  }

  /** The storage key property over the reference adapter, which must hold. */
  static class ReferenceKeyPropertyKitRun extends StorageKeyProperties {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new ReferenceStorage(backend, Clock.systemUTC(), null);
    }
  }

  /** The storage key property over an adapter that compares keys ignoring case. */
  static class CaseInsensitiveKeyPropertyKitRun extends StorageKeyProperties {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new CaseInsensitiveKeyStorage(new ReferenceStorage(backend, Clock.systemUTC(), null));
    }
  }

  /** A correct adapter that overrides only the factory: every capability test must be skipped. */
  static class MinimalKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new ReferenceStorage(backend, Clock.systemUTC(), null);
    }
  }
}
