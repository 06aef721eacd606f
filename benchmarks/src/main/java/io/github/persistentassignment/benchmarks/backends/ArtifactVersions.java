package io.github.persistentassignment.benchmarks.backends;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

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
    // Maven writes META-INF/maven/<groupId>/…; some jars (DynamoDB Local's) use the group as a
    // path.
    for (String group : new String[] {groupId, groupId.replace('.', '/')}) {
      String version = read("META-INF/maven/" + group + "/" + artifactId + "/pom.properties");
      if (version != null) {
        return version;
      }
    }
    return "?";
  }

  private static @Nullable String read(String resource) {
    try (InputStream in = ArtifactVersions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }
}
