package org.helpdesk.signin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * One way of signing in to the console, added to the console's filter chain by {@link SecurityConfiguration}: the
 * shape of a {@code Customizer<HttpSecurity>}, but not one, because Spring Security applies every
 * {@code Customizer<HttpSecurity>} bean to every filter chain, the API's stateless chain included.
 */
interface SignInMechanism {

    void customize(HttpSecurity http);
}
