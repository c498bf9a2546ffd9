import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Keeps a copy of the benchmark's PostgreSQL database once a background has been seeded, and puts it back before a
 * later run (the purge deletes what was seeded; seeding a million accounts again takes minutes, the copy seconds).
 * The copy is a database made from the seeded one as its template, on the same server. Nothing may be connected to
 * the database copied from.
 * Arguments: save|restore, JDBC URL of the benchmark's database, user, password, name of the copy.
 */
public class SeededCopy {
    public static void main(String[] args) throws Exception {
        String url = args[1];
        String database = url.replaceFirst("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1");
        String copy = args[4];
        if (!database.matches("[a-z_][a-z0-9_]*") || !copy.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database names: " + database + ", " + copy);
        }
        // CREATE DATABASE and DROP DATABASE from a connection to another database
        String maintenance = url.replaceFirst("/" + database + "(\\?|$)", "/template1$1");
        try (Connection db = DriverManager.getConnection(maintenance, args[2], args[3]);
             Statement statement = db.createStatement()) {
            switch (args[0]) {
                case "save" -> {
                    statement.execute("drop database if exists " + copy);
                    statement.execute("create database " + copy + " template " + database);
                }
                case "restore" -> {
                    statement.execute("drop database " + database);
                    statement.execute("create database " + database + " template " + copy);
                }
                default -> throw new IllegalArgumentException("save or restore, not " + args[0]);
            }
        }
    }
}
