package io.github.persistentassignment.metrics.micrometer;

import io.github.persistentassignment.internal.Arguments;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks at this module's public boundaries, with the same messages as core's (whose
 * helpers are not exported to this module).
 */
final class Checks {
  private Checks() {}

  /**
   * Common tags, refused when they use a key the meters set themselves: a common tag would silently
   * replace it and merge every operation, outcome or reason into one time series.
   *
   * @param setting the setting's name, for the message
   */
  static Tags commonTags(@Nullable Iterable<Tag> tags, String setting, String... reservedKeys) {
    Tags checked = Tags.of(Arguments.requireNonNullArgument(tags, setting));
    for (Tag tag : checked) {
      for (String reserved : reservedKeys) {
        if (tag.getKey().equals(reserved)) {
          throw new IllegalArgumentException(
              setting
                  + " must not use the key '"
                  + reserved
                  + "', which the meters set themselves; allowed: any other key");
        }
      }
    }
    return checked;
  }
}
