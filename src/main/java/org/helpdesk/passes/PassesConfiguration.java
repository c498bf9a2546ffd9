package org.helpdesk.passes;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PassesProperties.class, BootstrapProperties.class})
class PassesConfiguration {
}
