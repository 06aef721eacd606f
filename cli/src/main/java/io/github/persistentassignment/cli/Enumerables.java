package io.github.persistentassignment.cli;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;

/** The commands that list or sweep a whole store need one that can enumerate. */
final class Enumerables {
  private Enumerables() {}

  static EnumerableStorage require(PersistentStorage storage, String url, String command) {
    if (storage instanceof EnumerableStorage enumerable) {
      return enumerable;
    }
    throw new IllegalArgumentException(
        command
            + " needs a store that can list its entries; "
            + url
            + " cannot (its storage does not implement EnumerableStorage)");
  }
}
