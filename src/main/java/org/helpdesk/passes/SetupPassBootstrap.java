package org.helpdesk.passes;

import java.io.PrintStream;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The first admin of a new installation, without any default password (spec 2, ASVS 2.5.4): on the first
 * start of an empty database the configured admin is created and a one-time setup pass is printed to the
 * console, once. The pass goes to standard output only, never to the log. With
 * {@code --helpdesk.bootstrap.reissue-setup-pass-for=EMAIL} an operator gets a fresh one for an existing admin.
 */
@Component
class SetupPassBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SetupPassBootstrap.class);

    private final Accounts accounts;
    private final TemporaryAccessPasses passes;
    private final BootstrapProperties properties;
    private final ConfigurableApplicationContext context;
    private final PrintStream console;

    SetupPassBootstrap(Accounts accounts, TemporaryAccessPasses passes, BootstrapProperties properties,
                       ConfigurableApplicationContext context) {
        this.accounts = accounts;
        this.passes = passes;
        this.properties = properties;
        this.context = context;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.reissueSetupPassFor() != null && !properties.reissueSetupPassFor().isBlank()) {
            int code = reissue(properties.reissueSetupPassFor());
            int exit = SpringApplication.exit(context, () -> code);
            if (properties.exitAfterReissue()) {
                System.exit(exit);
            }
            return;
        }
        if (accounts.anyAdmin()) {
            return;
        }
        Account admin;
        try {
            admin = accounts.createFirstAdmin(properties.adminEmail(), properties.adminName());
        } catch (DataIntegrityViolationException | InvalidInputException e) {
            log.info("The first admin was created by another instance or already exists; no setup pass printed");
            return;
        }
        print(admin, passes.issueSetupPass(admin.id(), properties.setupPassLifetime()));
    }

    /** Issues a fresh setup pass for an existing active admin and prints it; returns the exit code. */
    int reissue(String email) {
        Account admin = accounts.findByEmail(email).filter(Account::isAdmin).filter(Account::active).orElse(null);
        if (admin == null) {
            console.println("No active admin has the address " + email + "; no setup pass was issued.");
            return 2;
        }
        print(admin, passes.issueSetupPass(admin.id(), properties.setupPassLifetime()));
        return 0;
    }

    private void print(Account admin, IssuedPass pass) {
        log.info("Printed a setup pass for admin account {} to the console", admin.id());
        console.println();
        console.println("================ Helpdesk TAP: first sign-in ================");
        console.println(" Admin:         " + admin.email());
        console.println(" Setup pass:    " + pass.grouped());
        console.println(" Valid until:   " + pass.endsAt() + " (one sign-in only)");
        console.println(" Sign in at:    /login/tap, then set a password.");
        console.println(" This pass is shown only here and only now.");
        console.println("=============================================================");
        console.println();
    }
}
