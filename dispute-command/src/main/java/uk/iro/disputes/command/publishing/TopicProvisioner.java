package uk.iro.disputes.command.publishing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Makes sure the topic exists before the first event is sent, creating it with infinite retention so that a new
 * consumer can read the whole history from the start. Checked from the publisher, not at start-up, so that a
 * broker that is down when the service starts delays publishing without stopping the service, and a broker's
 * auto-creation (with its default, finite retention) never gets there first. An existing topic is left alone:
 * its partition count is never changed, since that would break the order of each dispute's events.
 */
public class TopicProvisioner implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private final KafkaPublishingProperties properties;
    private final Duration timeout;
    private volatile boolean ready;
    private Admin admin;

    /** @param timeout how long to wait for the broker's answer (the producer's max.block.ms) */
    public TopicProvisioner(KafkaPublishingProperties properties, Duration timeout) {
        this.properties = properties;
        this.timeout = timeout;
        this.ready = !properties.createTopic();
    }

    /** The topic the service creates when it is missing. */
    public NewTopic newTopic() {
        Optional<Short> replication = properties.replicationFactor() > 0
                ? Optional.of(properties.replicationFactor()) : Optional.empty();
        return new NewTopic(properties.topic(), Optional.of(properties.partitions()), replication)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    /** Returns once the topic exists; throws {@link PublishingFailed} if the broker cannot say or create it. */
    public void ensureTopic() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try {
                if (!admin().listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .contains(properties.topic())) {
                    create();
                }
                ready = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingFailed("interrupted while checking topic " + properties.topic(), e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                throw new PublishingFailed("could not check or create topic " + properties.topic(), e);
            }
        }
    }

    private void create() throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = newTopic();
        try {
            admin().createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("created topic {} with {} partitions and infinite retention", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(properties.properties());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "dispute-command-topic-provisioner");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
