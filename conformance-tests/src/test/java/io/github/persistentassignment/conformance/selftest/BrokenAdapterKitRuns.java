package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import java.time.Duration;
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
      return new NonAtomicSaveIfAbsentStorage(backend.storage());
    }
  }

  /** delete drops every entry of the key. */
  static class WholeKeyDeleteKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new WholeKeyDeleteStorage(backend.storage(), backend);
    }
  }

  /** Each instance caches what it loaded. */
  static class StaleCacheKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new StaleCacheStorage(backend.storage());
    }
  }

  /** loadAll leaves out keys without entries. */
  static class SparseLoadAllKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new SparseLoadAllStorage(backend.storage());
    }
  }

  /** deleteAll removes one entry of the key only. */
  static class PartialDeleteAllKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new PartialDeleteAllStorage(backend.storage());
    }
  }

  /** saveIfAbsent throws over a corrupt entry. */
  static class CorruptEntryBlocksKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new CorruptEntryBlocksStorage(backend.storage(), backend);
    }

    @Override
    protected void writeRawEntry(String key, String configName, String raw) {
      backend.writeRaw(key, configName, raw);
    }
  }

  /** purge removes every config whose name starts with the given one. */
  static class LoosePurgeKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new LoosePurgeStorage(backend.storage());
    }
  }

  /** Enumeration loads every key, foreign items included. */
  static class ForeignItemFailingKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new ForeignItemFailingStorage(backend.storage(), backend);
    }

    @Override
    protected void writeForeignItem(String key) {
      backend.writeForeign(key);
    }
  }

  /** copyIfAbsent drops the entry's expiry. */
  static class ExpiryDroppingCopyKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final MutableClock clock = new MutableClock();

    @Override
    protected PersistentStorage createStorage() {
      return new ExpiryDroppingCopyStorage(backend.storage(clock, null));
    }

    @Override
    protected boolean supportsTtl() {
      return true;
    }

    @Override
    protected PersistentStorage createStorageWithTtl(Duration ttl) {
      return new ExpiryDroppingCopyStorage(backend.storage(clock, ttl));
    }

    @Override
    protected void advanceTime(Duration duration) {
      clock.advance(duration);
    }
  }

  /** The storage key property over the reference adapter, which must hold. */
  static class ReferenceKeyPropertyKitRun extends StorageKeyProperties {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return backend.storage();
    }
  }

  /** The storage key property over an adapter that compares keys ignoring case. */
  static class CaseInsensitiveKeyPropertyKitRun extends StorageKeyProperties {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return new CaseInsensitiveKeyStorage(backend.storage());
    }
  }

  /** A correct adapter that overrides only the factory: every capability test must be skipped. */
  static class MinimalKitRun extends PersistentStorageConformanceTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected PersistentStorage createStorage() {
      return backend.storage();
    }
  }
}
