package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTests {

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com", "First.Last+tag@sub.example.co.uk", "josé@exämple.de", "o'brien@example.ie"})
    void acceptsOrdinaryAddresses(String email) {
        assertThat(EmailAddresses.normalize(email)).isEqualTo(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a@@b.com", "a b@c.com", ".a@b.com", "a.@b.com", "a..b@c.com",
            "a@-b.com", "a@b..com", "a\u0000@b.com", "a\u202E@b.com", "<a@b.com>", "a@b.c"})
    void refusesWhatIsNotAnAddress(String email) {
        assertThat(EmailAddresses.normalize(email)).isNull();
    }

    @Test
    void refusesOverlongAddresses() {
        assertThat(EmailAddresses.normalize("a".repeat(65) + "@example.com")).isNull();
        assertThat(EmailAddresses.normalize("a@" + "b".repeat(250) + ".com")).isNull();
    }

    @Test
    void trimsAndComparesCaseInsensitively() {
        assertThat(EmailAddresses.normalize("  Ada@Example.COM ")).isEqualTo("Ada@Example.COM");
        assertThat(EmailAddresses.key("Ada@Example.COM")).isEqualTo(EmailAddresses.key("ada@example.com"));
    }
}
