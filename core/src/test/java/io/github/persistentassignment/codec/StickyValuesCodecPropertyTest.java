package io.github.persistentassignment.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the codec over any {@link StickyValues}, not only hand-picked examples. */
@Label("The universal JSON codec, for any StickyValues")
class StickyValuesCodecPropertyTest {

  @Property(tries = 300)
  @Label("decode(encode(v)) equals v")
  void textRoundTrip(@ForAll("stickyValues") StickyValues values) {
    assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(values))).isEqualTo(values);
  }

  @Property(tries = 300)
  @Label("decode(encodeUtf8(v)) equals v, and the bytes are the text in UTF-8")
  void utf8RoundTrip(@ForAll("stickyValues") StickyValues values) {
    byte[] bytes = StickyValuesCodec.encodeUtf8(values);
    assertThat(StickyValuesCodec.decode(bytes)).isEqualTo(values);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(StickyValuesCodec.encode(values));
  }

  @Property(tries = 100)
  @Label("encoding is stable: a decoded value encodes to the same document")
  void encodingIsStable(@ForAll("stickyValues") StickyValues values) {
    String once = StickyValuesCodec.encode(values);
    assertThat(StickyValuesCodec.encode(StickyValuesCodec.decode(once))).isEqualTo(once);
  }

  @Provide
  Arbitrary<StickyValues> stickyValues() {
    return StickyValuesArbitraries.stickyValues();
  }
}
