package uk.iro.disputes.command.api;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the service's clock with one the tests can move. */
@TestConfiguration(proxyBeanMethods = false)
public class MovableTimeConfiguration {
    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }
}
