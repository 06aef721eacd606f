package io.github.persistentassignment.conformance.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Testcontainers is optional: a user without it on the class path gets no container and no {@link
 * NoClassDefFoundError}. Checked by loading the kit in a class loader that cannot see it.
 */
class TestBackendsWithoutTestcontainersTest {

  @Test
  @DisplayName("without Testcontainers on the class path the Docker probe finds nothing, quietly")
  void noTestcontainers() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("testcontainers") && !entry.contains("docker-java")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("org.testcontainers.containers.GenericContainer"))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> testBackends = loader.loadClass(TestBackends.class.getName());
      assertThat(testBackends.getClassLoader()).isSameAs(loader);
      Method dockerProbe = testBackends.getDeclaredMethod("dockerProbe");
      dockerProbe.setAccessible(true);
      Object probe = dockerProbe.invoke(null);

      Class<?> backend = loader.loadClass(Backend.class.getName());
      Object redis = backend.getMethod("valueOf", String.class).invoke(null, "REDIS");
      Method start = probe.getClass().getMethod("startContainer", backend);
      start.setAccessible(true);
      assertThat(start.invoke(probe, redis)).isEqualTo(Optional.empty());
    }
  }
}
