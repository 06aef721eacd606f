package io.github.persistentassignment.storage.jdbc;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestDatabase} for a whole test class, as a static {@code @RegisterExtension} field:
 * opened before the class's first test, dropped and closed after its last.
 */
final class DatabaseFixture implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<TestDatabase> opener;
  private TestDatabase database;

  DatabaseFixture(Supplier<TestDatabase> opener) {
    this.opener = opener;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database = opener.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (database != null) {
      database.close();
      database = null;
    }
  }

  /** The open database; only between the class's first and last test. */
  TestDatabase get() {
    if (database == null) {
      throw new IllegalStateException("the database is open only while the test class runs");
    }
    return database;
  }
}
