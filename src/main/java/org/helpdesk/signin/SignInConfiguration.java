package org.helpdesk.signin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ThrottleProperties.class, SessionProperties.class})
class SignInConfiguration {
}
