package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Layer")
class LayerTest {

  @Test
  @DisplayName("defaults to userID, salt = name, no defaults and no experiments")
  void defaults() {
    Layer layer = Layer.builder("layer").build();

    assertThat(layer.idType()).isEqualTo("userID");
    assertThat(layer.salt()).isEqualTo("layer");
    assertThat(layer.defaultParameters()).isEmpty();
    assertThat(layer.segments()).isEmpty();
  }

  @Test
  @DisplayName("keeps its segments in order and round-trips through toBuilder")
  void segments() {
    Layer layer =
        Layer.builder("layer")
            .idType("companyID")
            .salt("s")
            .defaultParameters(Map.of("k", "v"))
            .experiment("a", 33.33)
            .experiment("b", 33.33)
            .experiment("c", 33.34)
            .build();

    assertThat(layer.segments())
        .containsExactly(
            new Layer.Segment("a", 33.33),
            new Layer.Segment("b", 33.33),
            new Layer.Segment("c", 33.34));
    assertThat(layer.toBuilder().build()).isEqualTo(layer);
  }

  @Test
  @DisplayName("rejects segments adding up to more than 100%")
  void overfull() {
    assertThatThrownBy(() -> Layer.builder("layer").experiment("a", 60).experiment("b", 41).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the segments of layer layer add up to 101.0%, more than 100%");
  }

  @Test
  @DisplayName("rejects a segment outside 0..100, a blank name and an experiment listed twice")
  void badSegments() {
    assertThatThrownBy(() -> Layer.builder("layer").experiment("a", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percent of segment a must be from 0 to 100");
    assertThatThrownBy(() -> Layer.builder("layer").experiment(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment experiment must not be blank");
    assertThatThrownBy(() -> Layer.builder("layer").experiment("a", 1).experiment("a", 2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer layer lists experiment a twice");
    assertThatThrownBy(() -> Layer.builder(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must not be blank");
  }
}
