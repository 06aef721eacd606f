package io.github.persistentassignment.conformance.load;

import java.time.Duration;

/** What a {@link SustainedLoad.Builder} was told, checked; see the builder for each setting. */
record LoadSettings(
    String name,
    int threads,
    Duration duration,
    Duration warmUp,
    int keys,
    int configsPerThread,
    int contendedSlots,
    int loadAllBatch,
    int largestPaddingChars,
    OperationMix mix,
    long allowedHeapGrowthBytes,
    String keyPrefix,
    long seed) {}
