package io.github.persistentassignment.metrics.micrometer;

/** The storage calls {@link MeteredPersistentStorage} times, with their {@code operation} tag. */
enum StorageOperation {
  LOAD("load"),
  LOAD_ALL("loadAll"),
  SAVE("save"),
  SAVE_IF_ABSENT("saveIfAbsent"),
  DELETE("delete"),
  DELETE_ALL("deleteAll"),
  COPY_IF_ABSENT("copyIfAbsent"),
  FOR_EACH_ENTRY("forEachEntry"),
  PURGE("purge");

  private final String tag;

  StorageOperation(String tag) {
    this.tag = tag;
  }

  /** The {@code operation} tag's value: the method's name. */
  String tag() {
    return tag;
  }

  /** Whether only an {@link io.github.persistentassignment.EnumerableStorage} has it. */
  boolean enumerableOnly() {
    return this == FOR_EACH_ENTRY || this == PURGE;
  }
}
