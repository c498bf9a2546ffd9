package org.helpdesk.signin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.stereotype.Component;

/** The main sign-in page: email and password. */
@Component
class PasswordSignIn implements SignInMechanism {

    private final PasswordAuthenticationProvider provider;

    PasswordSignIn(PasswordAuthenticationProvider provider) {
        this.provider = provider;
    }

    @Override
    public void customize(HttpSecurity http) {
        try {
            http.authenticationProvider(provider)
                    .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                            .usernameParameter("username").passwordParameter("password")
                            .defaultSuccessUrl("/", false)
                            .failureUrl("/login?error"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
