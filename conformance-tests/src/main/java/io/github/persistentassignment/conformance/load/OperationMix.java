package io.github.persistentassignment.conformance.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/** The weights of a {@link SustainedLoad} run's operations, and a random pick by those weights. */
final class OperationMix {
  private final Map<LoadOperation, Integer> weights;
  private final LoadOperation[] operations;
  private final int[] cumulative;

  OperationMix(Map<LoadOperation, Integer> weights) {
    this.weights = new EnumMap<>(weights);
    this.operations = LoadOperation.values();
    this.cumulative = new int[operations.length];
    int total = 0;
    for (int i = 0; i < operations.length; i++) {
      total += this.weights.getOrDefault(operations[i], 0);
      cumulative[i] = total;
    }
    if (total == 0) {
      throw new IllegalArgumentException(
          "the operation mix must give at least one operation a positive weight");
    }
  }

  /** What a production service does most: reads, then first writes, then the rest. */
  static Map<LoadOperation, Integer> defaultWeights() {
    Map<LoadOperation, Integer> weights = new EnumMap<>(LoadOperation.class);
    weights.put(LoadOperation.LOAD, 30);
    weights.put(LoadOperation.SAVE, 20);
    weights.put(LoadOperation.SAVE_IF_ABSENT, 15);
    weights.put(LoadOperation.CONTENDED_SAVE_IF_ABSENT, 10);
    weights.put(LoadOperation.LOAD_ALL, 10);
    weights.put(LoadOperation.DELETE, 15);
    return weights;
  }

  LoadOperation pick(SplittableRandom rnd) {
    int ticket = rnd.nextInt(cumulative[cumulative.length - 1]);
    for (int i = 0; i < cumulative.length; i++) {
      if (ticket < cumulative[i]) {
        return operations[i];
      }
    }
    throw new AssertionError("unreachable: ticket " + ticket + " beyond the total weight");
  }

  /** The weights as they read in a report, such as {@code "save 20, load 30"}. */
  String describe() {
    StringJoiner joined = new StringJoiner(", ");
    weights.forEach(
        (operation, weight) -> {
          if (weight > 0) {
            joined.add(operation.label() + " " + weight);
          }
        });
    return joined.toString();
  }
}
