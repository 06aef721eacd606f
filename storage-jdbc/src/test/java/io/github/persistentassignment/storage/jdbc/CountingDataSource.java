package io.github.persistentassignment.storage.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a real {@link DataSource} and counts every statement execution ({@code execute}, {@code
 * executeQuery}, {@code executeUpdate}, {@code executeBatch} and their large variants) on the
 * statements of the connections it hands out. Everything else passes straight through.
 */
final class CountingDataSource {
  private final AtomicInteger executions = new AtomicInteger();
  private final DataSource proxy;

  CountingDataSource(DataSource target) {
    this.proxy = wrap(target, DataSource.class);
  }

  DataSource dataSource() {
    return proxy;
  }

  int executions() {
    return executions.get();
  }

  void reset() {
    executions.set(0);
  }

  @SuppressWarnings("unchecked")
  private <T> T wrap(T target, Class<T> type) {
    InvocationHandler handler =
        (Object self, Method method, Object[] args) -> {
          if (type != DataSource.class
              && type != Connection.class
              && method.getName().startsWith("execute")) {
            executions.incrementAndGet();
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof Connection connection) {
            return wrap(connection, Connection.class);
          }
          if (result instanceof CallableStatement statement) {
            return wrap(statement, CallableStatement.class);
          }
          if (result instanceof PreparedStatement statement) {
            return wrap(statement, PreparedStatement.class);
          }
          if (result instanceof Statement statement) {
            return wrap(statement, Statement.class);
          }
          return result;
        };
    return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
  }
}
