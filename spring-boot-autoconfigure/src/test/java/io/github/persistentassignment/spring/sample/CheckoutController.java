package io.github.persistentassignment.spring.sample;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

// tag::spring-controller[]
@RestController
class CheckoutController {
  private final PersistentAssignment assignment; // the starter's bean

  CheckoutController(PersistentAssignment assignment) {
    this.assignment = assignment;
  }

  @GetMapping("/checkout/{userId}")
  Map<String, String> checkout(@PathVariable("userId") String userId) {
    Assignment button = assignment.forUser(User.of(userId)).getExperiment("checkout_button");
    return Map.of(
        "group", String.valueOf(button.groupName()),
        "color", String.valueOf(button.stringParameter("color", "grey")),
        "reason", button.reason().name());
  }
}
// end::spring-controller[]
