/**
 * Spring Boot auto-configuration for Persistent Assignment: the storage, near cache, meters, {@code
 * PersistentAssignment} and a health indicator, from {@code persistent-assignment.*} properties.
 * Add {@code persistent-assignment-spring-boot-starter} and a storage module.
 */
@NullMarked
package io.github.persistentassignment.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
