package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic hash that places a unit in one of {@value #BUCKETS} buckets.
 *
 * <p>The bucket is the SHA-256 digest of the UTF-8 bytes of {@code salt + "." + unitId}, whose
 * first 8 bytes are read as an unsigned big-endian number, modulo {@value #BUCKETS}. Any language
 * with SHA-256 can compute the same bucket, so assignments can be checked from outside the JVM.
 */
public final class Bucketing {
  /** The number of buckets; a bucket is in {@code [0, BUCKETS)}. */
  public static final int BUCKETS = 10_000;

  /**
   * One digest per thread, reused: {@link MessageDigest} is not thread-safe, and looking one up
   * with {@link MessageDigest#getInstance} on every call cost as much as the hashing itself. {@link
   * MessageDigest#digest(byte[])} leaves it reset for the next call.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(Bucketing::newSha256);

  private Bucketing() {}

  /**
   * The bucket of a unit for a salt.
   *
   * @param salt the salt, such as an experiment's salt, or that salt followed by {@code ".group"}
   * @param unitId the unit ID, such as a user ID
   * @return a bucket in {@code [0, 10000)}
   * @throws IllegalArgumentException if an argument is null
   */
  public static int bucket(String salt, String unitId) {
    requireNonNullArgument(salt, "salt");
    requireNonNullArgument(unitId, "unitId");
    byte[] digest = SHA_256.get().digest((salt + "." + unitId).getBytes(StandardCharsets.UTF_8));
    long first8 = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    // The 8 bytes are an unsigned number; a signed remainder would differ for half of all units.
    return (int) Long.remainderUnsigned(first8, BUCKETS);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
