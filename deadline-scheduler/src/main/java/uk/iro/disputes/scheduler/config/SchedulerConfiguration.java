package uk.iro.disputes.scheduler.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.scheduler.command.ClientCredentialsTokens;
import uk.iro.disputes.scheduler.command.BatchingCommandPort;
import uk.iro.disputes.scheduler.command.CommandPort;
import uk.iro.disputes.scheduler.command.DevKeyTokens;
import uk.iro.disputes.scheduler.command.HttpCommandPort;
import uk.iro.disputes.scheduler.schedule.CompletedDeadlines;
import uk.iro.disputes.scheduler.schedule.Deadline;
import uk.iro.disputes.scheduler.schedule.DeadlineMetrics;
import uk.iro.disputes.scheduler.schedule.DeadlineSchedule;
import uk.iro.disputes.scheduler.schedule.DeadlineTask;

/**
 * db-scheduler built by hand (its starter's auto-configuration targets Boot 3). It reaches the database through a
 * transaction-aware proxy, so schedule changes made by the event processor join the processor's transaction.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    /**
     * Real time, moved by {@code iro.clock.offset} (ISO-8601, default zero) so deadlines can be seen to fall due
     * without waiting days. db-scheduler takes its "now" from this clock too (due check, heartbeats), so every
     * instance sharing the schedule must run with the same offset.
     */
    @Bean
    Clock clock(@Value("${iro.clock.offset:PT0S}") Duration offset) {
        if (!offset.isZero()) {
            log.warn("the clock is moved by {} (iro.clock.offset): deadlines fire that early", offset);
        }
        return Clock.offset(Clock.systemUTC(), offset);
    }

    /**
     * Over HTTP, unless the process supplies its own port (deploy/standalone sends commands in-process); deadlines
     * that fire together go in batches unless the batch size is 1.
     */
    @Bean
    @ConditionalOnMissingBean(CommandPort.class)
    CommandPort httpCommandPort(SchedulerProperties properties, ResourceLoader resources) throws IOException {
        HttpCommandPort http = httpPort(properties, resources);
        SchedulerProperties.Batch batch = properties.command().batch();
        if (batch == null || batch.size() <= 1) {
            return http;
        }
        // A caller waits for its batch: up to the request's timeout, plus the linger and a batch ahead of it.
        Duration patience = properties.command().timeout().multipliedBy(2).plus(batch.linger());
        return new BatchingCommandPort(http, batch.size(), batch.linger(), Math.max(1, batch.senders()), patience);
    }

    private static HttpCommandPort httpPort(SchedulerProperties properties, ResourceLoader resources)
            throws IOException {
        SchedulerProperties.Command command = properties.command();
        if (command.tokenUri() != null && !command.tokenUri().toString().isBlank()) {
            return new HttpCommandPort(command.baseUrl(), new ClientCredentialsTokens(command.tokenUri(),
                    // Token lifetimes are real time, whatever the business clock says.
                    command.clientId(), command.clientSecret(), command.scope(), command.timeout(), Clock.systemUTC()),
                    command.timeout());
        }
        String key = command.signingKey();
        if (key == null || key.isBlank()) {
            return new HttpCommandPort(command.baseUrl(), command.token(), command.timeout());
        }
        String pem = key.contains("PRIVATE KEY") ? key
                : resources.getResource(key).getContentAsString(StandardCharsets.US_ASCII);
        // A token's lifetime is real time, whatever business time says: a moved clock must not mint tokens that
        // live for weeks or are not yet valid.
        return new HttpCommandPort(command.baseUrl(), new DevKeyTokens(pem, command.issuer(), Clock.systemUTC()),
                command.timeout());
    }

    @Bean
    DeadlineMetrics deadlineMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        return new DeadlineMetrics(registry, jdbc, DeadlineTask.NAME);
    }

    /**
     * Removes fired deadlines in groups, outside any transaction. Closed by {@link #schedulerLifecycle} once
     * db-scheduler has stopped, and in any case (its inferred close) before the DataSource it depends on.
     */
    @Bean
    CompletedDeadlines completedDeadlines(JdbcTemplate jdbc) {
        return new CompletedDeadlines(jdbc);
    }

    @Bean
    OneTimeTask<Deadline> deadlineTask(CommandPort port, Clock clock, DeadlineMetrics metrics,
            SchedulerProperties properties, CompletedDeadlines completed) {
        return DeadlineTask.create(port, clock, metrics, properties.retryBackoff(), completed);
    }

    @Bean
    Scheduler scheduler(DataSource dataSource, OneTimeTask<Deadline> task, Clock clock, SchedulerProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), task)
                .tableName("scheduled_tasks")
                .schedulerName(new SchedulerName.Fixed(properties.instanceId()))
                .clock(clock::instant)
                .pollingInterval(properties.pollingInterval())
                // An instance killed mid-send is declared dead after 6 missed heartbeats; its task is revived.
                .heartbeatInterval(properties.heartbeatInterval())
                .threads(properties.threads())
                // One statement locks a batch of due executions (FOR UPDATE SKIP LOCKED) for this instance's threads,
                // instead of a select and then an optimistic update per execution that two instances race for;
                // fetched again when half the batch is done, so threads do not wait for the next poll.
                .pollUsingLockAndFetch(0.5, 1.0)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    /** Bank holidays of England and Wales plus the council's own closure days, as dispute-command counts them. */
    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${iro.calendar.closure-days:}") String closureDays) {
        List<LocalDate> days = Arrays.stream(closureDays.split(",")).map(String::trim).filter(d -> !d.isEmpty())
                .map(LocalDate::parse).toList();
        return WorkingDayCalendar.englandAndWales().withClosureDays(days);
    }

    @Bean
    DeadlineSchedule deadlineSchedule(Scheduler scheduler, OneTimeTask<Deadline> task, JdbcTemplate jdbc,
            WorkingDayCalendar calendar, SchedulerProperties properties, Clock clock) {
        return new DeadlineSchedule((SchedulerClient) scheduler, task, jdbc, calendar,
                properties.dueSoonWorkingDays(), clock);
    }

    /**
     * Starts polling once the context (and Flyway's schema) is up; stops before the DataSource closes, and then
     * removes the deadlines that completed and still wait for their removal.
     */
    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler, CompletedDeadlines completed) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                completed.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
