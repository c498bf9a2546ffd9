package org.helpdesk.signin;

import org.helpdesk.accounts.SignInMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * The main sign-in page: email and password, checked by the {@link SignInConfiguration#passwordAuthentication}
 * manager; for an account with a second factor, a right password leads on to the {@link SecondStep}.
 */
@Component
class PasswordSignIn implements SignInMechanism {

    private final SecondStep secondStep;

    PasswordSignIn(SecondStep secondStep) {
        this.secondStep = secondStep;
    }

    private AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
        saved.setDefaultTargetUrl("/");
        return saved;
    }

    @Override
    public void customize(HttpSecurity http) {
        try {
            http.formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                            .usernameParameter("username").passwordParameter("password")
                            .successHandler(successHandler())
                            .failureHandler((request, response, e) -> {
                                if (e instanceof SecondStepRequiredException required) {
                                    secondStep.begin(request, response, required.account(), SignInMethod.PASSWORD);
                                } else if (!ThrottledPage.forward(request, response, e)) {
                                    response.sendRedirect(request.getContextPath() + "/login?error");
                                }
                            }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
