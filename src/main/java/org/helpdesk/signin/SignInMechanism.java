package org.helpdesk.signin;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** One way of signing in to the console, added to the filter chain by {@link SecurityConfiguration}. */
interface SignInMechanism extends Customizer<HttpSecurity> {
}
