package uk.iro.disputes.command.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.AggregateFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.iro.disputes.command.dispute.Dispute;
import uk.iro.disputes.command.goodpractice.GoodPracticeAlert;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.PolicyLoader;

/**
 * The domain's collaborators, injected by Axon into the aggregate's handlers: the policies (bundled plus any a
 * council configures), the working-day calendar (plus council closure days) and the clock.
 */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DomainConfiguration.class);

    @Bean
    PolicyCatalogue policyCatalogue(@Value("${iro.policies.locations:}") String locations) {
        List<Path> extra = split(locations).stream().map(Path::of).toList();
        PolicyCatalogue catalogue = PolicyLoader.catalogue(extra);
        catalogue.current().forEach(loaded -> {
            log.info("policy {} loaded from {}", loaded.policy().ref(), loaded.origin());
            loaded.warnings().forEach(w -> log.warn("policy {}: {}", loaded.policy().ref(), w));
        });
        return catalogue;
    }

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${iro.calendar.closure-days:}") String closureDays) {
        List<LocalDate> days = split(closureDays).stream().map(LocalDate::parse).toList();
        return WorkingDayCalendar.englandAndWales().withClosureDays(days);
    }

    /**
     * Real time, moved by {@code iro.clock.offset} (ISO-8601, default zero) so an operator or the end-to-end test
     * can see deadlines pass without waiting days; tests replace it with a @Primary clock they can move.
     */
    @Bean
    Clock clock(@Value("${iro.clock.offset:PT0S}") Duration offset) {
        if (!offset.isZero()) {
            log.warn("the clock is moved by {} (iro.clock.offset): business dates are not today's", offset);
        }
        return Clock.offset(Clock.systemUTC(), offset);
    }

    /**
     * Each aggregate is created with its constructor, not as a Spring prototype bean (see
     * {@link ConstructorAggregateFactory}). Axon's Spring lookup asks for a bean of exactly these names, so these
     * replace its default.
     */
    @Bean
    static AggregateFactory<Dispute> disputeAggregateFactory() {
        return new ConstructorAggregateFactory<>(Dispute.class);
    }

    @Bean
    static AggregateFactory<GoodPracticeAlert> goodPracticeAlertAggregateFactory() {
        return new ConstructorAggregateFactory<>(GoodPracticeAlert.class);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
