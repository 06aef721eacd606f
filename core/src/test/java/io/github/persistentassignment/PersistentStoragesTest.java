package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PersistentStorages")
class PersistentStoragesTest {

  @Test
  @DisplayName("the scheme is the text before the first colon, lower-cased")
  void scheme() {
    assertThat(PersistentStorages.scheme("SQLite:./a.db")).isEqualTo("sqlite");
    assertThat(PersistentStorages.scheme("jdbc:postgresql://h/db")).isEqualTo("jdbc");
    assertThat(PersistentStorages.scheme("redis-cluster://a:1,b:2")).isEqualTo("redis-cluster");
    assertThatThrownBy(() -> PersistentStorages.scheme("./a.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no scheme");
  }

  @Test
  @DisplayName("with no provider on the class path, an open says so, without leaking secrets")
  void noProviders() {
    assertThat(PersistentStorages.availableSchemes()).isEmpty();
    assertThatThrownBy(() -> PersistentStorages.open("redis://user:secret@host:6379/0?x=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no storage provider for scheme 'redis:' (from 'redis://…@host:6379/0?…');"
                + " available on the class path: none")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("bad arguments name the argument")
  void badArguments() {
    assertThatThrownBy(() -> PersistentStorages.open(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url");
  }
}
