package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The lifecycle. */
abstract class ClosingScenarios extends ContractScenarios {

  ClosingScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("every operation after close throws IllegalStateException")
  void operationsAfterClose() {
    PersistentStorage closed = newStorage();
    closed.close();
    String key = key("alice");
    StickyValues values = Samples.simple("after close");
    assertThatThrownBy(() -> closed.load(key)).as("load").isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.save(key, CONFIG, values))
        .as("save")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.saveIfAbsent(key, CONFIG, values))
        .as("saveIfAbsent")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.delete(key, CONFIG))
        .as("delete")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.loadAll(List.of(key)))
        .as("loadAll")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.deleteAll(key))
        .as("deleteAll")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.copyIfAbsent(new StoredEntry(key, CONFIG, values)))
        .as("copyIfAbsent")
        .isInstanceOf(IllegalStateException.class);
    if (closed instanceof EnumerableStorage enumerable) {
      assertThatThrownBy(() -> enumerable.forEachEntry(entry -> {}))
          .as("forEachEntry")
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> enumerable.purge(CONFIG))
          .as("purge")
          .isInstanceOf(IllegalStateException.class);
    }
    assertEntries(storage().load(key), Map.of(), "alice, through an open instance");
  }

  @Test
  @DisplayName("closing twice is harmless")
  void closeTwice() {
    PersistentStorage instance = newStorage();
    instance.close();
    assertThatCode(instance::close).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("closing one instance leaves another instance over the same backend working")
  void closingOneLeavesOthersOpen() {
    PersistentStorage first = newStorage();
    PersistentStorage second = newStorage();
    first.save(key("alice"), CONFIG, Samples.simple("before close"));
    first.close();
    assertEntries(
        second.load(key("alice")), Map.of(CONFIG, Samples.simple("before close")), "second");
    second.save(key("alice"), CONFIG, Samples.simple("after close"));
    assertEntries(
        second.load(key("alice")), Map.of(CONFIG, Samples.simple("after close")), "second");
  }
}
