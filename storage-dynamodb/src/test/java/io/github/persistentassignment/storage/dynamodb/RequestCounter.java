package io.github.persistentassignment.storage.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every HTTP request the SDK sends, retries included, by operation name ({@code Query},
 * {@code PutItem}, …): the round trips an adapter call costs.
 */
final class RequestCounter implements ExecutionInterceptor {
  private final List<String> sent = new CopyOnWriteArrayList<>();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** The operations sent since the last call, in order; then starts counting afresh. */
  List<String> drain() {
    List<String> copy = List.copyOf(sent);
    sent.clear();
    return copy;
  }

  void reset() {
    sent.clear();
  }
}
