package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.load.PersistentStorageLoadTest;
import io.github.persistentassignment.conformance.load.SustainedLoad;
import java.nio.file.Path;

/**
 * Load test subclasses over the reference adapter and a broken one. Their names end in {@code
 * LoadRun} so Surefire does not run them on their own; {@link SustainedLoadSelfTest} runs each
 * through the JUnit Platform's EngineTestKit.
 */
final class LoadTestRuns {
  /** Where the runs write their reports. */
  static final Path REPORT_FOLDER = Path.of("target", "load-report-selftest");

  private LoadTestRuns() {}

  /** The few keys of a short run, so that even one second covers them. */
  private abstract static class SmallLoadRun extends PersistentStorageLoadTest {
    final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected SustainedLoad.Builder configure(SustainedLoad.Builder load) {
      return load.keys(20).contendedEntries(200);
    }

    @Override
    protected Path reportDirectory() {
      return REPORT_FOLDER;
    }
  }

  /** The reference adapter. */
  static class ReferenceLoadRun extends SmallLoadRun {
    @Override
    protected PersistentStorage createStorage() {
      return backend.storage();
    }

    @Override
    protected String backendName() {
      return "reference";
    }
  }

  /** An adapter that drops writes to some keys. */
  static class BlackHoleLoadRun extends SmallLoadRun {
    @Override
    protected PersistentStorage createStorage() {
      return new BlackHoleKeysStorage(backend.storage());
    }

    @Override
    protected String backendName() {
      return "black-hole";
    }
  }
}
