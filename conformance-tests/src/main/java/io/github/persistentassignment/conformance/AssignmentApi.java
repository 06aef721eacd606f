package io.github.persistentassignment.conformance;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Enforce;
import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.Evaluation.Kind;
import io.github.persistentassignment.Evaluator;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two ways a service calls {@link PersistentAssignment}, so that one assignment scenario can be
 * run through each. A scenario opens a {@link Request} per request a service would handle, and
 * evaluates through it.
 */
enum AssignmentApi {
  /** {@link PersistentAssignment#forUser}: one {@link UserAssignments} per request. */
  FOR_USER {
    @Override
    Request request(PersistentAssignment assignment, User user, Evaluator evaluator) {
      return new ForUserRequest(assignment.forUser(user));
    }
  },

  /**
   * {@link PersistentAssignment#getUserPersistedValues}, then {@code getExperiment} or {@code
   * getLayer} with {@link ExperimentOptions}: the Statsig-shaped form bridges use.
   */
  TWO_STEP {
    @Override
    Request request(PersistentAssignment assignment, User user, Evaluator evaluator) {
      return new TwoStepRequest(assignment, user, evaluator);
    }
  };

  /**
   * Opens one request for a user. Nothing is loaded until the first evaluation (or {@link
   * Request#loadNow}).
   *
   * @param evaluator the evaluator the assignment uses: the two-step form asks it which id type to
   *     load for a name, as a service knows each experiment's id type
   */
  abstract Request request(PersistentAssignment assignment, User user, Evaluator evaluator);

  /** One request's calls, through the API under test. */
  interface Request {
    /** The user's group in an experiment. */
    Assignment experiment(String name, Enforce... enforce);

    /** The user's values in a layer. */
    Assignment layer(String name, Enforce... enforce);

    /** Opts the user out of an experiment: the stored entry is deleted. */
    Assignment optOut(String name);

    /** Loads the user's entries for an id type now, before any evaluation. */
    Request loadNow(String idType);
  }

  private static final class ForUserRequest implements Request {
    private final UserAssignments assignments;

    ForUserRequest(UserAssignments assignments) {
      this.assignments = assignments;
    }

    @Override
    public Assignment experiment(String name, Enforce... enforce) {
      return assignments.getExperiment(name, enforce);
    }

    @Override
    public Assignment layer(String name, Enforce... enforce) {
      return assignments.getLayer(name, enforce);
    }

    @Override
    public Assignment optOut(String name) {
      return assignments.optOut(name);
    }

    @Override
    public Request loadNow(String idType) {
      assignments.preload(idType);
      return this;
    }
  }

  /**
   * What a service on the two-step form does: load the user's values for an id type once per
   * request, and pass them with every evaluation of that request.
   */
  private static final class TwoStepRequest implements Request {
    private final PersistentAssignment assignment;
    private final User user;
    private final Evaluator evaluator;
    private final Map<String, UserPersistedValues> loaded = new HashMap<>();

    TwoStepRequest(PersistentAssignment assignment, User user, Evaluator evaluator) {
      this.assignment = assignment;
      this.user = user;
      this.evaluator = evaluator;
    }

    @Override
    public Assignment experiment(String name, Enforce... enforce) {
      return assignment.getExperiment(user, name, options(name, enforce));
    }

    @Override
    public Assignment layer(String name, Enforce... enforce) {
      return assignment.getLayer(user, name, options(name, enforce));
    }

    @Override
    public Assignment optOut(String name) {
      boolean layer =
          evaluator.evaluate(user, name).map(Evaluation::kind).orElse(null) == Kind.LAYER;
      return layer
          ? assignment.getLayer(user, name, ExperimentOptions.optOut())
          : assignment.getExperiment(user, name, ExperimentOptions.optOut());
    }

    @Override
    public Request loadNow(String idType) {
      values(idType);
      return this;
    }

    private ExperimentOptions options(String name, Enforce... enforce) {
      String idType =
          evaluator
              .evaluate(user, name)
              .map(Evaluation::idType)
              .orElseThrow(() -> new IllegalArgumentException("unscripted name: " + name));
      List<Enforce> checks = Arrays.asList(enforce);
      return ExperimentOptions.builder()
          .userPersistedValues(values(idType))
          .enforceTargeting(checks.contains(Enforce.TARGETING))
          .enforceOverrides(checks.contains(Enforce.OVERRIDES))
          .build();
    }

    private UserPersistedValues values(String idType) {
      return loaded.computeIfAbsent(idType, type -> assignment.getUserPersistedValues(user, type));
    }
  }
}
