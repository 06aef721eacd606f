package io.github.persistentassignment.conformance.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.Samples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ContendedSlots")
class ContendedSlotsTest {
  private static final StickyValues FIRST = Samples.simple("first");
  private static final StickyValues SECOND = Samples.simple("second");

  @Test
  @DisplayName("one writer and callers told of its value agree")
  void agreement() {
    ContendedSlots slots = new ContendedSlots(3);
    assertThat(slots.answered(1, FIRST, null)).isNull();
    assertThat(slots.answered(1, SECOND, FIRST)).isNull();
    assertThat(slots.learn(1, FIRST)).isNull();
    assertThat(slots.known(1)).isEqualTo(FIRST);
    assertThat(slots.wins()).isEqualTo(1);
    assertThat(slots.answers()).isEqualTo(1);
    assertThat(slots.writtenByNobody(1)).isFalse();
    assertThat(slots.settledSlots()).isEqualTo(1);
  }

  @Test
  @DisplayName("a second writer, or a caller told of another value, is a disagreement")
  void disagreements() {
    ContendedSlots slots = new ContendedSlots(2);
    assertThat(slots.answered(0, FIRST, null)).isNull();
    assertThat(slots.answered(0, SECOND, null))
        .isEqualTo("contended slot 0: 2 saveIfAbsent calls reported writing; only the first may");
    assertThat(slots.learn(0, SECOND)).startsWith("contended slot 0: one caller learned");
  }

  @Test
  @DisplayName("a value nobody reports writing is flagged, unless a call that threw may have")
  void writtenByNobody() {
    ContendedSlots slots = new ContendedSlots(2);
    slots.learn(0, FIRST);
    slots.learn(1, FIRST);
    slots.failed(1);
    assertThat(slots.writtenByNobody(0)).isTrue();
    assertThat(slots.writtenByNobody(1)).isFalse();
    assertThat(slots.uncertain(1)).isTrue();
  }

  @Test
  @DisplayName("every thread races for the slot under the cursor until a call on it returns")
  void cursor() {
    ContendedSlots slots = new ContendedSlots(2);
    SplittableRandom rnd = new SplittableRandom(1);
    assertThat(slots.next(rnd)).isZero();
    slots.settled(0);
    slots.settled(0); // a late caller on the old slot does not skip the next one
    assertThat(slots.next(rnd)).isEqualTo(1);
    slots.settled(1);
    for (int i = 0; i < 20; i++) {
      assertThat(slots.next(rnd)).isBetween(0, 1);
    }
  }
}
