package org.helpdesk.passes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server secret that keys every pass verifier. It never lives in the database. */
final class Pepper {

    static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(Pepper.class);

    private final byte[] key;

    private Pepper(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException("The pass pepper must be at least " + MIN_BYTES + " bytes (base64-encoded)");
        }
        this.key = key.clone();
    }

    byte[] key() {
        return key.clone();
    }

    static Pepper load(PassesProperties properties, SecureRandom random) {
        if (properties.pepper() != null && !properties.pepper().isBlank()) {
            return new Pepper(decode(properties.pepper()));
        }
        Path file = properties.pepperFile();
        if (file == null) {
            throw new IllegalStateException("Set helpdesk.passes.pepper or helpdesk.passes.pepper-file");
        }
        try {
            if (Files.exists(file)) {
                return new Pepper(decode(Files.readString(file, StandardCharsets.US_ASCII)));
            }
            byte[] fresh = new byte[MIN_BYTES];
            random.nextBytes(fresh);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            restrictToOwner(file);
            log.warn("Generated a new pass pepper in {}. Keep this file with the database's backups: without it no "
                    + "existing pass can be verified. In production set HELPDESK_PASSES_PEPPER or "
                    + "HELPDESK_PASSES_PEPPER_FILE, the same on every instance.", file.toAbsolutePath());
            return new Pepper(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the pass pepper file " + file, e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The pass pepper is not valid base64");
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.warn("Could not restrict the permissions of {}", file.toAbsolutePath());
        }
    }
}
