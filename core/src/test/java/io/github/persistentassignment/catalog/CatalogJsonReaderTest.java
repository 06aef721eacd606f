package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.User;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Reading a catalog from JSON")
class CatalogJsonReaderTest {

  private static Path fixture(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(CatalogJsonReaderTest.class.getResource("/catalog/" + name))
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The catalog full-catalog.json describes, built in code. */
  private static ExperimentCatalog fullCatalogInCode() {
    return ExperimentCatalog.builder()
        .configTime(1700000000000L)
        .configVersion(3)
        .experiment(
            Experiment.builder("checkout_button")
                .defaultParameters(Map.of("color", "grey"))
                .group("Control", 50, Map.of("color", "blue"))
                .group("Test", 50, Map.of("color", "green"))
                .targeting(Condition.of("country", Operator.IN, List.of("US", "CA")))
                .override("vip-user", "Test")
                .build())
        .experiment(
            Experiment.builder("pricing")
                .idType("companyID")
                .allocationPercent(20.5)
                .defaultParameters(Map.of("discount", 0, "tiers", List.of(1, 2, 3)))
                .group("Control", 1, Map.of())
                .group("Cheap", 2, Map.of("discount", 0.15, "banner", Map.of("text", "Save ✓")))
                .group("Holdout", 0, Map.of())
                .targeting(
                    Condition.of("seats", Operator.GTE, 10),
                    Condition.of("plan", Operator.NEQ, "free"))
                .build())
        .experiment(Experiment.builder("retired").active(false).group("Only", 1, Map.of()).build())
        .layer(
            Layer.builder("checkout_layer")
                .defaultParameters(Map.of("color", "grey", "size", 1))
                .experiment("checkout_button", 50)
                .build())
        .build();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFormatError(
      String json, String pointer, int line, int column, String problem) {
    return assertThatThrownBy(() -> ExperimentCatalog.fromJson(json, "catalog.json"))
        .isInstanceOf(CatalogFormatException.class)
        .hasMessageStartingWith(
            "catalog.json: " + pointer + " (line " + line + ", column " + column + "): ")
        .hasMessageContaining(problem)
        .satisfies(
            thrown -> {
              CatalogFormatException e = (CatalogFormatException) thrown;
              assertThat(e.sourceName()).isEqualTo("catalog.json");
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.problem()).contains(problem);
            });
  }

  @Nested
  @DisplayName("a valid document")
  class Valid {

    @Test
    @DisplayName("gives the same catalog as building it in code")
    void fullFixture() {
      ExperimentCatalog fromJson = ExperimentCatalog.fromJson(fixture("full-catalog.json"));
      ExperimentCatalog inCode = fullCatalogInCode();

      assertThat(fromJson).isEqualTo(inCode);
      assertThat(fromJson.experiments()).isEqualTo(inCode.experiments());
      assertThat(fromJson.layers()).isEqualTo(inCode.layers());
      for (int i = 0; i < 500; i++) {
        User user =
            User.builder()
                .userId("u" + i)
                .customId("companyID", "c" + i)
                .attribute("country", i % 3 == 0 ? "US" : "DE")
                .attribute("seats", i % 20)
                .attribute("plan", i % 2 == 0 ? "pro" : "free")
                .build();
        for (String name : List.of("checkout_button", "pricing", "retired", "checkout_layer")) {
          Evaluation expected = inCode.evaluate(user, name).orElseThrow();
          assertThat(fromJson.evaluate(user, name)).contains(expected);
        }
      }
    }

    @Test
    @DisplayName("fills in the defaults of every optional field")
    void minimal() {
      ExperimentCatalog catalog =
          ExperimentCatalog.fromJson(
              """
              {"experiments": [{"name": "e", "groups": [{"name": "A", "weight": 1}]}],
               "layers": [{"name": "l"}]}
              """,
              "minimal.json");

      assertThat(catalog.configTime()).isZero();
      assertThat(catalog.configVersion()).isNull();
      assertThat(catalog.experiment("e"))
          .contains(Experiment.builder("e").group("A", 1, Map.of()).build());
      assertThat(catalog.layer("l")).contains(Layer.builder("l").build());
      assertThat(ExperimentCatalog.fromJson("{}", "empty.json"))
          .isEqualTo(ExperimentCatalog.builder().build());
      assertThat(ExperimentCatalog.fromJson("{\"version\": null}", "v.json").configVersion())
          .isNull();
    }

    @Test
    @DisplayName("reads a stream without closing it")
    void stream() {
      AtomicBoolean closed = new AtomicBoolean();
      InputStream in =
          new ByteArrayInputStream("{\"time\": 5}".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
              closed.set(true);
            }
          };

      assertThat(ExperimentCatalog.fromJson(in, "stream.json").configTime()).isEqualTo(5);
      assertThat(closed).isFalse();
    }
  }

  @Nested
  @DisplayName("a malformed document")
  class Malformed {

    @Test
    @DisplayName("names the file, the pointer, the line and column, and expected versus found")
    void wrongTypeInFile() {
      assertThatThrownBy(() -> ExperimentCatalog.fromJson(fixture("experiments.json")))
          .isInstanceOf(CatalogFormatException.class)
          .hasMessage(
              "experiments.json: /experiments/0/groups/1/weight (line 7, column 36):"
                  + " expected a number, found a string \"fifty\"");
    }

    @Test
    @DisplayName("reports a truncated file as invalid JSON at its end")
    void truncated() {
      assertThatThrownBy(() -> ExperimentCatalog.fromJson(fixture("truncated.json")))
          .isInstanceOf(CatalogFormatException.class)
          .hasMessageStartingWith(
              "truncated.json: /experiments/0 (line 4, column 1): invalid JSON:")
          .hasMessageContaining("end-of-input")
          .hasMessageContaining("(start marker at [line: 2, column: 18])")
          .hasMessageNotContaining("Source");
    }

    @Test
    @DisplayName("reports a trailing comma")
    void trailingComma() {
      assertFormatError(
          """
          {"experiments": [
            {"name": "a", "groups": [{"name": "A", "weight": 1},]}
          ]}
          """,
          "/experiments/0/groups/1",
          2,
          55,
          "invalid JSON: Unexpected character (']'");
    }

    @Test
    @DisplayName("reports a duplicate field")
    void duplicateField() {
      assertFormatError(
          """
          {"time": 1,
           "time": 2}
          """,
          "/time",
          2,
          8,
          "Duplicate field 'time'");
    }

    @Test
    @DisplayName("reports content after the document")
    void trailingContent() {
      assertFormatError(
          "{} {}", "(document root)", 1, 4, "expected the end of the document, found an object");
    }

    @Test
    @DisplayName("reports a root that is not an object")
    void rootNotObject() {
      assertFormatError(
          "[]",
          "(document root)",
          1,
          1,
          "expected an object with experiments and layers, found an array");
    }

    @Test
    @DisplayName("reports wrong types with what was expected and found")
    void wrongTypes() {
      assertFormatError(
          "{\"time\": \"now\"}", "/time", 1, 10, "expected an integer, found a string \"now\"");
      assertFormatError(
          "{\"version\": 1.5}",
          "/version",
          1,
          13,
          "expected an integer or null, found a number 1.5");
      assertFormatError(
          "{\"experiments\": {}}",
          "/experiments",
          1,
          17,
          "expected an array of experiments, found an object");
      assertFormatError(
          "{\"experiments\": [{\"name\": \"e\", \"active\": \"yes\"}]}",
          "/experiments/0/active",
          1,
          42,
          "expected a boolean, found a string \"yes\"");
      assertFormatError(
          "{\"experiments\": [{\"name\": 7}]}",
          "/experiments/0/name",
          1,
          27,
          "expected a string, found a number 7");
      assertFormatError(
          "{\"experiments\": [{\"defaultParameters\": []}]}",
          "/experiments/0/defaultParameters",
          1,
          40,
          "expected an object, found an array");
      assertFormatError(
          "{\"experiments\": [{\"overrides\": {\"u\": null}}]}",
          "/experiments/0/overrides/u",
          1,
          38,
          "expected a string, found null");
    }

    @Test
    @DisplayName("reports a missing required field at the object that lacks it")
    void missingRequired() {
      assertFormatError(
          """
          {"experiments": [
            {"name": "a"}
          ]}
          """,
          "/experiments/0",
          2,
          3,
          "missing required field \"groups\" of experiment \"a\"");
      assertFormatError(
          "{\"experiments\": [{\"groups\": []}]}",
          "/experiments/0",
          1,
          18,
          "missing required field \"name\" of an experiment");
      assertFormatError(
          "{\"experiments\": [{\"name\": \"a\", \"groups\": [{\"name\": \"A\"}]}]}",
          "/experiments/0/groups/0",
          1,
          43,
          "missing required field \"weight\" of group \"A\"");
      assertFormatError(
          "{\"layers\": [{\"name\": \"l\", \"experiments\": [{\"name\": \"e\"}]}]}",
          "/layers/0/experiments/0",
          1,
          43,
          "missing required field \"percent\" of layer segment \"e\"");
    }

    @Test
    @DisplayName("rejects an unknown field and lists the accepted ones, catching typos")
    void unknownField() {
      assertFormatError(
          """
          {"experiments": [
            {"name": "a", "allocaton": 50, "groups": [{"name": "A", "weight": 1}]}
          ]}
          """,
          "/experiments/0/allocaton",
          2,
          17,
          "unknown field \"allocaton\"; the accepted fields are name, idType, salt, active,"
              + " allocationPercent, defaultParameters, groups, targeting, overrides");
      assertFormatError(
          "{\"experiment\": []}",
          "/experiment",
          1,
          2,
          "unknown field \"experiment\"; the accepted fields are time, version, experiments, layers");
    }

    @Test
    @DisplayName("rejects an unknown operator and a value that does not suit the operator")
    void badConditions() {
      String condition =
          "{\"experiments\": [{\"name\": \"a\", \"groups\": [{\"name\": \"A\", \"weight\": 1}],"
              + " \"targeting\": [{\"attribute\": \"c\", \"operator\": %s, \"value\": %s}]}]}";
      assertFormatError(
          condition.formatted("\"contains\"", "\"x\""),
          "/experiments/0/targeting/0/operator",
          1,
          117,
          "unknown operator \"contains\"; the operators are eq, neq, in, not_in, gt, gte, lt, lte");
      assertFormatError(
          condition.formatted("\"in\"", "\"US\""),
          "/experiments/0/targeting/0/value",
          1,
          132,
          "operator in needs a list of values");
      assertFormatError(
          condition.formatted("\"eq\"", "null"),
          "/experiments/0/targeting/0/value",
          1,
          132,
          "expected a string, number, boolean or list, found null");
    }
  }

  @Nested
  @DisplayName("a document that breaks a catalog rule")
  class Semantic {

    @Test
    @DisplayName("points at an override naming an unknown group")
    void unknownOverrideGroup() {
      assertFormatError(
          """
          {"experiments": [
            {"name": "a", "groups": [{"name": "A", "weight": 1}],
             "overrides": {"vip/user": "Ghost"}}
          ]}
          """,
          "/experiments/0/overrides/vip~1user",
          3,
          30,
          "override of \"vip/user\" names unknown group \"Ghost\"");
    }

    @Test
    @DisplayName("points at a second group of the same name")
    void duplicateGroup() {
      assertFormatError(
          "{\"experiments\": [{\"name\": \"a\", \"groups\": [{\"name\": \"A\", \"weight\": 1},"
              + " {\"name\": \"A\", \"weight\": 1}]}]}",
          "/experiments/0/groups/1/name",
          1,
          80,
          "a second group named \"A\"");
    }

    @Test
    @DisplayName("points at groups whose weights are all 0")
    void zeroWeights() {
      assertFormatError(
          "{\"experiments\": [{\"name\": \"a\", \"groups\": [{\"name\": \"A\", \"weight\": 0}]}]}",
          "/experiments/0/groups",
          1,
          42,
          "expected at least one group with a weight above 0");
    }

    @Test
    @DisplayName("points at a negative weight, a percent outside 0..100 and a blank name")
    void ranges() {
      assertFormatError(
          "{\"experiments\": [{\"name\": \"a\", \"groups\": [{\"name\": \"A\", \"weight\": -1}]}]}",
          "/experiments/0/groups/0/weight",
          1,
          67,
          "expected a weight >= 0, found -1.0");
      assertFormatError(
          "{\"experiments\": [{\"name\": \"a\", \"allocationPercent\": 150}]}",
          "/experiments/0/allocationPercent",
          1,
          53,
          "expected a percent from 0 to 100, found 150.0");
      assertFormatError(
          "{\"experiments\": [{\"name\": \" \"}]}",
          "/experiments/0/name",
          1,
          27,
          "expected a non-blank string, found \" \"");
    }

    @Test
    @DisplayName("points at the segment that takes a layer past 100%")
    void overfullLayer() {
      assertFormatError(
          """
          {"experiments": [{"name": "a", "groups": [{"name": "A", "weight": 1}]},
                           {"name": "b", "groups": [{"name": "B", "weight": 1}]}],
           "layers": [{"name": "l", "experiments": [{"name": "a", "percent": 60},
                                                    {"name": "b", "percent": 41}]}]}
          """,
          "/layers/0/experiments/1/percent",
          4,
          68,
          "the layer's segments add up to 101.0 percent, more than 100");
    }

    @Test
    @DisplayName("points at a layer segment naming an unknown experiment or one of another id type")
    void badLayerReferences() {
      assertFormatError(
          "{\"layers\": [{\"name\": \"l\", \"experiments\": [{\"name\": \"ghost\", \"percent\": 10}]}]}",
          "/layers/0/experiments/0/name",
          1,
          52,
          "layer \"l\" names unknown experiment \"ghost\"");
      assertFormatError(
          "{\"layers\": [{\"name\": \"l\", \"experiments\": [{\"name\": \"e\", \"percent\": 10}]}],"
              + " \"experiments\": [{\"name\": \"e\", \"idType\": \"companyID\","
              + " \"groups\": [{\"name\": \"A\", \"weight\": 1}]}]}",
          "/layers/0/experiments/0/name",
          1,
          52,
          "experiment \"e\" has idType companyID but layer \"l\" has idType userID");
    }

    @Test
    @DisplayName("points at a repeated name, whether of an experiment or a layer")
    void duplicateNames() {
      String experiment = "{\"name\": \"x\", \"groups\": [{\"name\": \"A\", \"weight\": 1}]}";
      assertFormatError(
          "{\"experiments\": [" + experiment + ", " + experiment + "]}",
          "/experiments/1/name",
          1,
          82,
          "a second experiment named \"x\"");
      assertFormatError(
          "{\"experiments\": [" + experiment + "], \"layers\": [{\"name\": \"x\"}]}",
          "/layers/0/name",
          1,
          94,
          "layer \"x\" has the name of an experiment; names must be unique");
      assertFormatError(
          "{\"layers\": [{\"name\": \"l\"}, {\"name\": \"l\"}]}",
          "/layers/1/name",
          1,
          37,
          "a second layer named \"l\"");
    }
  }

  @Nested
  @DisplayName("input that cannot be read")
  class Unreadable {

    @Test
    @DisplayName("throws UncheckedIOException naming a missing file")
    void missingFile() {
      Path missing = Path.of("no", "such", "catalog.json");

      assertThatThrownBy(() -> ExperimentCatalog.fromJson(missing))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("reports bytes that are not UTF-8 as a format error")
    void notUtf8() {
      byte[] bytes = {
        '{', '"', 't', 'i', 'm', 'e', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
      };

      assertThatThrownBy(
              () -> ExperimentCatalog.fromJson(new ByteArrayInputStream(bytes), "bin.json"))
          .isInstanceOf(CatalogFormatException.class)
          .hasMessageStartingWith("bin.json: /time (line 1, column ")
          .hasMessageContaining("UTF-8");
    }

    @Test
    @DisplayName("rejects a null document or a blank source name")
    void badArguments() {
      assertThatThrownBy(() -> ExperimentCatalog.fromJson((String) null, "x.json"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("json");
      assertThatThrownBy(() -> ExperimentCatalog.fromJson("{}", " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sourceName");
    }
  }
}
