package io.github.persistentassignment.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.cache.caffeine.CachingPersistentStorage;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.metrics.micrometer.MeteredPersistentStorage;
import io.github.persistentassignment.metrics.micrometer.PersistentAssignmentMetrics;
import io.github.persistentassignment.spring.autoconfigure.PersistentAssignmentBackend;
import io.github.persistentassignment.spring.autoconfigure.PersistentAssignmentHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** What both sample applications must show, over HTTP on their random port. */
final class SampleApplicationChecks {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  private final ApplicationContext context;
  private final RestClient http;

  SampleApplicationChecks(ApplicationContext context, int port) {
    this.context = context;
    this.http = RestClient.create("http://127.0.0.1:" + port);
  }

  void beans(Class<? extends PersistentStorage> storeType, String description) {
    assertThat(context.getBean(PersistentAssignment.class)).isNotNull();
    PersistentStorage storage = context.getBean(PersistentStorage.class);
    assertThat(storage).isInstanceOf(MeteredPersistentStorage.class);
    assertThat(((MeteredPersistentStorage) storage).delegate())
        .isInstanceOf(CachingPersistentStorage.class);
    PersistentAssignmentBackend backend = context.getBean(PersistentAssignmentBackend.class);
    assertThat(backend.storage()).isInstanceOf(storeType);
    assertThat(backend.description()).isEqualTo(description);
    assertThat(context.getBean(PersistentAssignmentHealthIndicator.class)).isNotNull();
  }

  void stickyAssignmentAndMeters(String user) {
    Map<String, Object> first = get("/checkout/" + user);
    Map<String, Object> again = get("/checkout/" + user);
    assertThat(first).containsEntry("reason", "EVALUATED");
    assertThat(again).containsEntry("reason", "PERSISTED");
    assertThat(again.get("group")).isEqualTo(first.get("group"));
    assertThat(again.get("color")).isIn("blue", "green");

    MeterRegistry registry = context.getBean(MeterRegistry.class);
    assertThat(decisions(registry, "evaluated")).isEqualTo(1.0);
    assertThat(decisions(registry, "persisted")).isEqualTo(1.0);
    assertThat(
            registry
                .get(MeteredPersistentStorage.TIMER)
                .tag("operation", "load")
                .tag("outcome", "success")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get(MeteredPersistentStorage.TIMER)
                .tag("operation", "saveIfAbsent")
                .tag("outcome", "success")
                .timer()
                .count())
        .isEqualTo(1);
  }

  /** Cuts the store: health goes DOWN, requests keep being served live; then UP again. */
  void healthFollowsTheStoreWhileTheApplicationServes(FaultProxy proxy, String newUser) {
    ResponseEntity<Map<String, Object>> up = health();
    assertThat(up.getStatusCode().value()).isEqualTo(200);
    assertThat(up.getBody()).containsEntry("status", "UP");

    proxy.refuseConnections();
    proxy.cutConnections();
    ResponseEntity<Map<String, Object>> down = health();
    assertThat(down.getStatusCode().value()).isEqualTo(503);
    assertThat(down.getBody()).containsEntry("status", "DOWN");
    assertThat(details(down)).containsKey("outage");

    Map<String, Object> live = get("/checkout/" + newUser);
    assertThat(live).containsEntry("reason", "STORAGE_UNAVAILABLE");
    assertThat(live.get("group")).isIn("Control", "Test");
    MeterRegistry registry = context.getBean(MeterRegistry.class);
    assertThat(decisions(registry, "storage_unavailable")).isEqualTo(1.0);
    assertThat(registry.get(PersistentAssignmentMetrics.STORAGE_OUTAGES).functionCounter().count())
        .isEqualTo(1.0);

    proxy.pass();
    ResponseEntity<Map<String, Object>> back = health();
    assertThat(back.getStatusCode().value()).isEqualTo(200);
    assertThat(details(back)).containsKey("lastOutage").containsEntry("storageOutages", 1);
    assertThat(get("/checkout/" + newUser)).containsEntry("reason", "EVALUATED");
  }

  private Map<String, Object> get(String path) {
    return http.get().uri(path).retrieve().body(JSON);
  }

  private ResponseEntity<Map<String, Object>> health() {
    return http.get()
        .uri("/actuator/health/persistentAssignment")
        .retrieve()
        .onStatus(HttpStatusCode::isError, (request, response) -> {})
        .toEntity(JSON);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(ResponseEntity<Map<String, Object>> health) {
    return (Map<String, Object>) health.getBody().get("details");
  }

  private static double decisions(MeterRegistry registry, String reason) {
    return registry
        .get(PersistentAssignmentMetrics.DECISIONS)
        .tag("reason", reason)
        .counter()
        .count();
  }
}
