package io.github.persistentassignment.conformance.selftest;

/** The small delay a broken adapter takes between reading and writing, as a network round trip. */
final class Pause {
  private Pause() {}

  static void briefly() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
