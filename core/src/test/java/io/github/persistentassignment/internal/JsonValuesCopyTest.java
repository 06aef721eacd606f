package io.github.persistentassignment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON value copies")
class JsonValuesCopyTest {

  @Test
  @DisplayName("are deep, keep order, compare equal to the original and cannot be changed")
  void deepImmutableCopy() {
    List<@Nullable Object> list = new ArrayList<>(Arrays.asList(1, "two", null));
    Map<String, @Nullable Object> inner = new LinkedHashMap<>();
    inner.put("list", list);
    Map<String, @Nullable Object> outer = new LinkedHashMap<>();
    outer.put("z", inner);
    outer.put("a", 2.5);

    Map<String, @Nullable Object> copy = JsonValues.copyObject(outer, "value");
    list.add("changed later");

    assertThat(copy.keySet()).containsExactly("z", "a");
    assertThat(copy)
        .isEqualTo(Map.of("z", Map.of("list", Arrays.asList(1L, "two", null)), "a", 2.5));
    assertThat(copy.hashCode()).isEqualTo(new HashMap<>(copy).hashCode());
    assertThat(copy.toString()).isEqualTo("{z={list=[1, two, null]}, a=2.5}");
    assertThatThrownBy(() -> copy.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> copiedList = (List<Object>) ((Map<?, ?>) copy.get("z")).get("list");
    assertThatThrownBy(() -> copiedList.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("copying a copy returns it as it is, at every depth")
  void copyOfCopyIsTheSame() {
    Map<String, @Nullable Object> copy =
        JsonValues.copyObject(Map.of("nested", Map.of("k", List.of(1))), "value");

    assertThat(JsonValues.copyObject(copy, "again")).isSameAs(copy);
    Map<String, @Nullable Object> wrapped = JsonValues.copyObject(Map.of("w", copy), "wrapped");
    assertThat(wrapped.get("w")).isSameAs(copy);
    assertThat(JsonValues.copy(copy.get("nested"), "nested")).isSameAs(copy.get("nested"));
  }

  @Test
  @DisplayName("name where a bad value sits, however deep")
  void pathOfBadValue() {
    Map<String, @Nullable Object> deep =
        Map.of("a", List.of(Map.of("b", 1), Map.of("c", List.of(true, new Object()))));
    assertThatThrownBy(() -> JsonValues.copyObject(deep, "jsonValue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("jsonValue.a[1].c[1] is a java.lang.Object;");
    assertThatThrownBy(() -> JsonValues.copy(List.of(1.0, Double.NaN), "value"))
        .hasMessage("value[1] is NaN, which JSON cannot represent");
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(7, "x");
    assertThatThrownBy(() -> JsonValues.copyObject(Map.of("m", badKey), "attributes"))
        .hasMessage("attributes.m has a key that is not a string: 7");
    assertThatThrownBy(() -> JsonValues.normalizeNumber(new AtomicLong(), "n"))
        .hasMessageStartingWith("n is a java.util.concurrent.atomic.AtomicLong;");
  }

  @Test
  @DisplayName("a null element is named by its index or key")
  void nullElement() {
    assertThat(Arguments.requireNonNullElement("x", "list", 0)).isEqualTo("x");
    assertThatThrownBy(() -> Arguments.requireNonNullElement(null, "exposures", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exposures[3] must not be null");
    assertThatThrownBy(() -> Arguments.requireNonNullElement(null, "values", "exp"))
        .hasMessage("values[exp] must not be null");
  }
}
