/**
 * JDBC storage: {@link io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage}, one row
 * per (storage key, config name) in a table whose DDL ships per {@link
 * io.github.persistentassignment.storage.jdbc.Dialect}.
 */
@NullMarked
package io.github.persistentassignment.storage.jdbc;

import org.jspecify.annotations.NullMarked;
