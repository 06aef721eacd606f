package io.github.persistentassignment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy} as an operator meets it: expiries kept, and an interrupted run that resumes. */
@DisplayName("copy, run as a separate process")
class CliCopyIT {
  @TempDir Path folder;

  private String source() {
    return "sqlite:" + folder.resolve("source.db");
  }

  private String target() {
    return "sqlite:" + folder.resolve("target.db");
  }

  /** Entries saved through a storage with a 30-day time to live, so each has an expiry. */
  private void seed(int entries) {
    try (PersistentStorage storage =
        PersistentStorages.open(source(), Map.of("expireAfter", "30d"))) {
      StickyValues values = StickyValues.builder().value(true).groupName("A").time(1L).build();
      for (int i = 0; i < entries; i++) {
        storage.save("u" + i + ":userID", "exp", values);
      }
    }
  }

  private static List<StoredEntry> entriesOf(String url) {
    List<StoredEntry> entries = new ArrayList<>();
    try (PersistentStorage storage = PersistentStorages.open(url)) {
      ((EnumerableStorage) storage).forEachEntry(entries::add);
    }
    return entries;
  }

  @Test
  @DisplayName("keeps each entry's expiry")
  void keepsExpiries() {
    seed(3);
    Result copy = CliProcess.run(folder, "copy", source(), target());
    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    List<StoredEntry> copied = entriesOf(target());
    assertThat(copied).hasSize(3);
    Instant inTwentyNineDays = Instant.now().plus(Duration.ofDays(29));
    assertThat(copied).allSatisfy(entry -> assertThat(entry.expiresAt()).isAfter(inTwentyNineDays));
    assertThat(copied.get(0).expiresAt())
        .isEqualTo(
            entriesOf(source()).stream()
                .filter(entry -> entry.key().equals(copied.get(0).key()))
                .findFirst()
                .orElseThrow()
                .expiresAt());
  }

  @Test
  @DisplayName("from an unreachable source fails with one line and creates no target file")
  void unreachableSource() {
    Result copy =
        CliProcess.run(
            folder,
            "copy",
            "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody",
            target(),
            "--from-option",
            "operationTimeout=1s");
    assertThat(copy.exitCode()).as(copy.toString()).isEqualTo(1);
    assertThat(copy.err().lines()).as(copy.toString()).hasSize(1);
    assertThat(folder.resolve("target.db")).doesNotExist();
  }

  @Test
  @DisplayName("interrupted, prints what it did; run again, finishes what is left")
  void interruptedAndResumed() throws Exception {
    seed(20_000);
    Path out = folder.resolve("copy-out.txt");
    Process copy =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CliProcess.jar().toString(),
                "copy",
                source(),
                target())
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(out, StandardCharsets.UTF_8).contains("entries read")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    copy.destroy(); // SIGTERM, as a kill or Ctrl-C's shutdown does
    assertThat(copy.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(printed).contains("Interrupted after").contains("Run the same copy again to finish");
    int copiedBefore = entriesOf(target()).size();
    assertThat(copiedBefore).as(printed).isLessThan(20_000);

    Result again = CliProcess.run(folder, "copy", source(), target());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("Read 20000 entries in ");
    assertThat(entriesOf(target())).hasSize(20_000);
  }
}
