package io.github.persistentassignment.spring.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * docs/spring-boot.md's sample application; its tests start it against real PostgreSQL and Redis.
 */
@SpringBootApplication
public class SampleApplication {}
