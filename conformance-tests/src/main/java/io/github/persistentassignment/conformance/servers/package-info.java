/**
 * The servers the kit tests against: {@link
 * io.github.persistentassignment.conformance.servers.TestBackends} finds (or starts) PostgreSQL,
 * MariaDB, Redis, a local Redis Cluster and DynamoDB Local, and skips or fails a test class when
 * one is missing.
 */
@NullMarked
package io.github.persistentassignment.conformance.servers;

import org.jspecify.annotations.NullMarked;
