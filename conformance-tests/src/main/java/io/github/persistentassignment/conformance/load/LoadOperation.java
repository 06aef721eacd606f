package io.github.persistentassignment.conformance.load;

/**
 * The operations a {@link SustainedLoad} run mixes. Each is chosen at random with the weight the
 * builder gives it, and reported on its own in {@link LoadReport#operations()}.
 */
public enum LoadOperation {
  /** {@code save} of an entry the calling thread owns, with a new value. */
  SAVE("save"),
  /** {@code saveIfAbsent} of an entry the calling thread owns: it knows whether one is stored. */
  SAVE_IF_ABSENT("saveIfAbsent"),
  /**
   * {@code saveIfAbsent} of an entry every thread races for: exactly one call may write, and every
   * caller must be told the same winner. These entries are never overwritten or deleted.
   */
  CONTENDED_SAVE_IF_ABSENT("saveIfAbsent (contended)"),
  /** {@code load} of one key. */
  LOAD("load"),
  /** {@code loadAll} of several keys. */
  LOAD_ALL("loadAll"),
  /** {@code delete} of an entry the calling thread owns. */
  DELETE("delete");

  private final String label;

  LoadOperation(String label) {
    this.label = label;
  }

  /**
   * The operation as it reads in a report: the storage method's name.
   *
   * @return the label, such as {@code "saveIfAbsent (contended)"}
   */
  public String label() {
    return label;
  }
}
