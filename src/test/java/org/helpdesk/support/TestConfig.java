package org.helpdesk.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
@Import({FailingPage.class, FailingApi.class})
public class TestConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    TestSecondFactors testSecondFactors() {
        return new TestSecondFactors();
    }

    @Bean
    MockSessionIdResolver mockSessionIdResolver() {
        return new MockSessionIdResolver();
    }
}
