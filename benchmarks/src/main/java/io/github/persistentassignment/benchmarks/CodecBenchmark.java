package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The universal-format codec on its own: encoding and decoding the typical entry (5 parameters, 2
 * exposures, about 480 bytes) and a 10 KB one, and both in a row, which is what a save followed by
 * a load costs in CPU.
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
}
