package uk.iro.disputes.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code iro.projection.lag}: events in the store the projection has not handled yet (read on each scrape). */
@Component
public class ProjectionMetrics implements MeterBinder {
    private final ProjectionStatus status;

    public ProjectionMetrics(ProjectionStatus status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("iro.projection.lag", status, s -> {
                    try {
                        long lowest = s.lowestPosition();
                        return Math.max(0, s.headIndex() - Math.max(lowest, 0));
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Events in the store not yet projected into the read models")
                .tag("processor", DisputeProjection.PROCESSOR)
                .baseUnit("events")
                .register(registry);
    }
}
