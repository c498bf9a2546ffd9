import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for the benchmark, from the same Maven artifact the tests use: prints its JDBC URL and runs
 * until its standard input closes or the process is stopped. With a directory argument the data is kept there and
 * reused by the next run (a seeded million accounts need not be seeded again).
 */
public class EmbeddedDatabase {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (args.length > 0) {
            builder.setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false);
        }
        try (EmbeddedPostgres postgres = builder.start()) {
            System.out.println("JDBC_URL=" + postgres.getJdbcUrl("postgres", "postgres"));
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the benchmark script closes our input
            }
        }
    }
}
