package uk.iro.disputes.query.projection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets several instances of this service share the projection's segments. Axon's pooled processor, left alone,
 * lets the first instance claim every segment and the others idle; given a {@link MaxSegmentProvider} it claims no
 * more than the provider says and releases any surplus. Each instance writes a heartbeat into
 * {@code projection_instance} (judged by the database's clock, so clock skew between hosts does not matter) and
 * offers as its maximum the fair share: the segment count over the live instances, rounded up. A newcomer is
 * thereby handed segments by the others; when an instance stops (its row is removed) or dies (its heartbeat goes
 * stale and its claims time out), the survivors' share grows and they claim its segments.
 */
public class ProjectionInstances {
    private static final Logger log = LoggerFactory.getLogger(ProjectionInstances.class);

    private final JdbcClient jdbc;
    private final String instanceId;
    private final String processor;
    private final Duration heartbeat;
    private final ScheduledExecutorService executor;
    private volatile int fairShare = Short.MAX_VALUE;

    public ProjectionInstances(JdbcClient jdbc, String instanceId, String processor, Duration heartbeat) {
        this.jdbc = jdbc;
        this.instanceId = instanceId;
        this.processor = processor;
        this.heartbeat = heartbeat;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-heartbeat-" + instanceId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers the fair share as the processor's maximum of claimed segments. */
    public ConfigurerModule configurerModule() {
        MaxSegmentProvider provider = name -> fairShare;
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(processor,
                        (c, builder) -> builder.maxSegmentProvider(provider));
    }

    public void start() {
        beat();
        executor.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Leaves the register at once, so the others take over without waiting for the heartbeat to go stale. */
    public void stop() {
        executor.shutdownNow();
        try {
            jdbc.sql("DELETE FROM projection_instance WHERE instance_id = :id").param("id", instanceId).update();
        } catch (RuntimeException e) {
            log.warn("could not leave the projection's instance register", e);
        }
    }

    public int fairShare() {
        return fairShare;
    }

    public String instanceId() {
        return instanceId;
    }

    private void beat() {
        try {
            jdbc.sql("""
                            INSERT INTO projection_instance (instance_id, last_seen) VALUES (:id, now())
                            ON CONFLICT (instance_id) DO UPDATE SET last_seen = now()""")
                    .param("id", instanceId).update();
            // Stale beyond three heartbeats: gone. Old rows are cleared so the register does not grow.
            String stale = (heartbeat.toMillis() * 3) + " milliseconds";
            jdbc.sql("DELETE FROM projection_instance WHERE last_seen < now() - CAST(:stale AS interval)")
                    .param("stale", stale).update();
            long live = jdbc.sql("SELECT count(*) FROM projection_instance").query(Long.class).single();
            long segments = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = :p")
                    .param("p", processor).query(Long.class).single();
            int share = segments == 0 ? Short.MAX_VALUE : (int) ((segments + Math.max(live, 1) - 1) / Math.max(live, 1));
            if (share != fairShare) {
                log.info("projection instance {}: {} live instance(s), {} segment(s), claiming at most {}",
                        instanceId, live, segments, share);
            }
            fairShare = share;
        } catch (RuntimeException e) {
            // Keep the last share: a database blip must not make every instance drop or grab segments.
            log.warn("projection heartbeat failed; keeping a share of {} segment(s)", fairShare, e);
        }
    }
}
