package uk.iro.disputes.query.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What every test context adds (one context for all test classes, so one projection runs): a clock the tests can
 * set, and a switch to make the projection fail for chosen disputes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {
    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    @Bean
    FailureInjection failureInjection() {
        return new FailureInjection();
    }
}
