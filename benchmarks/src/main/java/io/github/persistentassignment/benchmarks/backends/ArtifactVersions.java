package io.github.persistentassignment.benchmarks.backends;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of a library on the class path, from the {@code pom.properties} Maven puts in jars.
 */
public final class ArtifactVersions {
  private ArtifactVersions() {}

  /**
   * The version of a Maven artifact on the class path.
   *
   * @param groupId its group
   * @param artifactId its artifact
   * @return the version, or {@code "?"} when its jar carries no {@code pom.properties}
   */
  public static String of(String groupId, String artifactId) {
    String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = ArtifactVersions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "?";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }
}
