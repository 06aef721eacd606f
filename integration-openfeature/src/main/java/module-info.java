/**
 * An OpenFeature provider that wraps any provider and keeps the variants of chosen flags sticky per
 * user, in any persistent-assignment storage.
 */
module io.github.persistentassignment.integration.openfeature {
  requires transitive io.github.persistentassignment;
  // An automatic module (the SDK's jar names itself in its manifest).
  requires transitive dev.openfeature.sdk;
  requires org.slf4j;

  exports io.github.persistentassignment.integration.openfeature;
}
