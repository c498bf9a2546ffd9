import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints PostgreSQL's plans for the statements of a pass sign-in and of the purge, on the benchmark's database,
 * with the parameters of one seeded person. Statements that change rows are explained without running them.
 * Arguments: JDBC URL, user, password, email of a seeded person.
 */
public class Plans {
    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2])) {
            db.createStatement().execute("analyze");
            String email = args[3].toLowerCase(java.util.Locale.ROOT);
            long account;
            try (PreparedStatement s = db.prepareStatement("select id from accounts where email_key = ?")) {
                s.setString(1, email);
                ResultSet rs = s.executeQuery();
                rs.next();
                account = rs.getLong(1);
            }
            Map<String, String> statements = new LinkedHashMap<>();
            statements.put("throttle check", "explain analyze select throttle_key, blocked_until from signin_throttle"
                    + " where throttle_key in ('tap:" + email + "', 'address:127.0.0.1')");
            statements.put("account by email", "explain analyze select * from accounts where email_key = '" + email + "'");
            statements.put("newest pass of the account", "explain analyze select pol.slow_checks_until, p.* from tap_policy pol"
                    + " left join temporary_access_passes p on p.account_id = " + account + " where pol.id = 1"
                    + " order by p.created_at desc, p.id desc fetch first 1 rows only");
            statements.put("record a use", "explain update temporary_access_passes set last_used_at = now(),"
                    + " use_count = use_count + 1 where id = 1 and usable_once = false and starts_at <= now() and ends_at > now()"
                    + " and (setup = true or exists (select 1 from tap_policy where id = 1 and enabled = true"
                    + " and usable_once_required = false))");
            statements.put("consume a one-time pass", "explain update temporary_access_passes set used_at = now()"
                    + " where id = 1 and usable_once = true and used_at is null and starts_at <= now() and ends_at > now()"
                    + " and (setup = true or exists (select 1 from tap_policy where id = 1 and enabled = true))");
            statements.put("claim due mails", "explain analyze select id from notification_outbox"
                    + " where next_attempt_at <= now() and sent_at is null and given_up_at is null"
                    + " and (claimed_until is null or claimed_until <= now()) order by next_attempt_at, id"
                    + " fetch first 20 rows only");
            statements.put("session by id", "explain analyze select * from spring_session s left join"
                    + " spring_session_attributes a on s.primary_id = a.session_primary_id where s.session_id = 'x'");
            statements.put("purge batch", "explain delete from temporary_access_passes where id in (select id from"
                    + " temporary_access_passes where ends_at < now() - interval '30 days' order by ends_at"
                    + " fetch first 1000 rows only)");
            for (Map.Entry<String, String> statement : statements.entrySet()) {
                System.out.println("-- " + statement.getKey());
                try (ResultSet rs = db.createStatement().executeQuery(statement.getValue())) {
                    while (rs.next()) {
                        System.out.println("   " + rs.getString(1));
                    }
                }
            }
        }
    }
}
