package io.github.persistentassignment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The universal-format codec on its own: encoding and decoding the typical entry (5 parameters, 2
 * exposures, about 480 bytes) and a 10 KB one, and both in a row, which is what a save followed by
 * a load costs in CPU. Beside them, Jackson databind's general-purpose tree over the same bytes
 * ({@code ObjectMapper.readTree}, {@code writeValueAsBytes}): what a JSON library does with no
 * knowledge of the format, the yardstick for the codec's own parser and writer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  // Non-final fields, so the JIT cannot fold the inputs into constants.
  private StickyValues typical = SampleEntries.TYPICAL;
  private String typicalJson = SampleEntries.TYPICAL_JSON;
  private StickyValues large = SampleEntries.LARGE;
  private String largeJson = SampleEntries.LARGE_JSON;
  private byte[] typicalBytes = SampleEntries.TYPICAL_JSON.getBytes(StandardCharsets.UTF_8);
  private final ObjectMapper jackson = new ObjectMapper();
  private JsonNode typicalTree = readTree(typicalBytes);

  private JsonNode readTree(byte[] bytes) {
    try {
      return jackson.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("the sample entry is not JSON", e);
    }
  }

  /**
   * Encodes the typical entry.
   *
   * @return its JSON
   */
  @Benchmark
  public String encode_typical() {
    return StickyValuesCodec.encode(typical);
  }

  /**
   * Decodes the typical entry.
   *
   * @return the entry
   */
  @Benchmark
  public StickyValues decode_typical() {
    return StickyValuesCodec.decode(typicalJson);
  }

  /**
   * Encodes the typical entry and decodes the result.
   *
   * @return the entry
   */
  @Benchmark
  public StickyValues roundTrip_typical() {
    return StickyValuesCodec.decode(StickyValuesCodec.encode(typical));
  }

  /**
   * Encodes the 10 KB entry.
   *
   * @return its JSON
   */
  @Benchmark
  public String encode_large() {
    return StickyValuesCodec.encode(large);
  }

  /**
   * Decodes the 10 KB entry.
   *
   * @return the entry
   */
  @Benchmark
  public StickyValues decode_large() {
    return StickyValuesCodec.decode(largeJson);
  }

  /**
   * Encodes the 10 KB entry and decodes the result.
   *
   * @return the entry
   */
  @Benchmark
  public StickyValues roundTrip_large() {
    return StickyValuesCodec.decode(StickyValuesCodec.encode(large));
  }

  /**
   * Jackson's tree parse of the typical entry's bytes, the counterpart of {@link #decode_typical}.
   *
   * @return the tree
   */
  @Benchmark
  public JsonNode jacksonReadTree_typical() {
    return readTree(typicalBytes);
  }

  /**
   * Jackson's write of the typical entry's tree to bytes, the counterpart of {@link
   * #encode_typical}.
   *
   * @return the bytes
   * @throws IOException never, for a tree
   */
  @Benchmark
  public byte[] jacksonWrite_typical() throws IOException {
    return jackson.writeValueAsBytes(typicalTree);
  }

  /**
   * The typical entry's round trip, ours against Jackson's tree, timed call by call (100 calls a
   * side, alternating which goes first): decode then encode of the same bytes on each side, so the
   * ratio holds whatever else the machine is doing while it runs.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void roundTripVsJackson_typical(PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        100,
        () -> StickyValuesCodec.encode(StickyValuesCodec.decode(typicalJson)),
        () -> writeTree(readTree(typicalBytes)));
  }

  private byte[] writeTree(JsonNode tree) {
    try {
      return jackson.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalStateException("a tree is always writable", e);
    }
  }
}
