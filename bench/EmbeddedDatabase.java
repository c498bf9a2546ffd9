import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for the benchmark, from the same Maven artifact the tests use: prints its JDBC URL and runs
 * until its standard input closes or the process is stopped.
 */
public class EmbeddedDatabase {
    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            System.out.println("JDBC_URL=" + postgres.getJdbcUrl("postgres", "postgres"));
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the benchmark script closes our input
            }
        }
    }
}
