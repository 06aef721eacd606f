package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

@DisplayName("An operation's deadline")
class DeadlineTest {
  private static final Duration CONFIGURED = Duration.ofSeconds(10);

  @Test
  @DisplayName("caps connect and read timeouts only while one of its requests runs")
  void capsWhileRunning() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(2), null);
    int inside = deadline.run(() -> Deadline.capMillis(CONFIGURED));
    assertThat(inside).isBetween(1, 2_000);
    assertThat(Deadline.capMillis(CONFIGURED)).isEqualTo(10_000);
    assertThat(deadline.run(() -> Deadline.capMillis(Duration.ofMillis(5)))).isEqualTo(5);
  }

  @Test
  @DisplayName("sends nothing once it has passed, and never caps a timeout to zero (forever)")
  void passed() {
    Deadline deadline = Deadline.after(Duration.ofNanos(1), null);
    AtomicBoolean sent = new AtomicBoolean();
    assertThatThrownBy(() -> deadline.run(() -> sent.getAndSet(true)))
        .isInstanceOf(ApiCallTimeoutException.class);
    assertThat(sent).isFalse();
    assertThat(Deadline.capMillis(Duration.ofNanos(1))).isEqualTo(1);
  }

  @Test
  @DisplayName("gives a request the time left, or the client's own shorter apiCallTimeout")
  void limitsRequests() {
    assertThat(apiCallTimeout(Deadline.after(Duration.ofSeconds(2), null)))
        .isBetween(Duration.ofMillis(1), Duration.ofSeconds(2));
    assertThat(apiCallTimeout(Deadline.after(Duration.ofSeconds(2), Duration.ofMillis(300))))
        .isEqualTo(Duration.ofMillis(300));
    assertThat(apiCallTimeout(Deadline.after(Duration.ofMillis(300), Duration.ofSeconds(5))))
        .isLessThanOrEqualTo(Duration.ofMillis(300));
  }

  private static Duration apiCallTimeout(Deadline deadline) {
    AwsRequestOverrideConfiguration.Builder request = AwsRequestOverrideConfiguration.builder();
    deadline.limit(request);
    return request.build().apiCallTimeout().orElseThrow();
  }
}
