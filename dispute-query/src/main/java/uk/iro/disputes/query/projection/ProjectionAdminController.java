package uk.iro.disputes.query.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.query.api.QueryProblem;

/** Projection status and lag, and the rebuild of every read model from the event store (ADMIN). */
@RestController
@RequestMapping("/api/v1/admin/projection")
@Tag(name = "Administration", description = "Projection status, lag and rebuild (ADMIN)")
@SecurityRequirement(name = "bearer")
public class ProjectionAdminController {
    private static final Logger log = LoggerFactory.getLogger(ProjectionAdminController.class);
    private final ProjectionStatus status;
    private final DeferredIndexes indexes;
    private final EventProcessingConfiguration processing;
    private final BulkRebuild bulk;

    public ProjectionAdminController(ProjectionStatus status, DeferredIndexes indexes,
            EventProcessingConfiguration processing, BulkRebuild bulk) {
        this.status = status;
        this.indexes = indexes;
        this.processing = processing;
        this.bulk = bulk;
    }

    @GetMapping
    @Operation(summary = "Where the projection stands: the store's head, each segment's position, lag, rebuild"
            + " progress and errors")
    public Map<String, Object> status() {
        long head = status.headIndex();
        List<ProjectionStatus.Segment> segments = status.segments();
        long lowest = segments.stream().mapToLong(ProjectionStatus.Segment::position).min().orElse(-1);
        boolean rebuilding = bulk.running();
        boolean replaying = rebuilding || segments.stream().anyMatch(ProjectionStatus.Segment::replaying);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("processor", DisputeProjection.PROCESSOR);
        answer.put("running", status.processor().map(StreamingEventProcessor::isRunning).orElse(false));
        answer.put("headIndex", head);
        answer.put("lowestPosition", lowest);
        answer.put("lagEvents", segments.isEmpty() ? head : Math.max(0, head - lowest));
        answer.put("caughtUp", !segments.isEmpty() && lowest >= head);
        answer.put("replaying", replaying);
        Double progress = null;
        if (rebuilding) {
            progress = bulkProgress(bulk.progress());
        } else if (replaying) {
            progress = progress(segments);
        }
        answer.put("rebuildProgress", progress);
        // This instance's latest rebuild: read stream by stream, or fallen back to the processor's replay.
        answer.put("rebuild", bulk.progress());
        // Secondary indexes a rebuild dropped and has not built again yet: the rebuild is over when this is 0 too.
        answer.put("indexesDeferred", indexes.pending());
        answer.put("segments", segments);
        answer.put("deadLetters", status.deadLetters());
        answer.put("errors", status.localStatus().values().stream().filter(s -> s.isErrorState())
                .map(s -> "segment " + s.getSegment().getSegmentId() + ": " + s.getError()).toList());
        return answer;
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuild every read model: empty them and replay the whole event store",
            description = "Answers 202 at once; follow progress on GET /api/v1/admin/projection. Queries answer from"
                    + " the read models as they refill. Other instances must not hold segments (409 if they do),"
                    + " and a rebuild must not be running here (409).")
    public synchronized ResponseEntity<Map<String, Object>> rebuild() {
        StreamingEventProcessor processor = status.processor()
                .orElseThrow(() -> new IllegalStateException("no " + DisputeProjection.PROCESSOR + " processor"));
        if (bulk.running()) {
            throw new QueryProblem(409, "rebuild-running", "A rebuild is running",
                    "This instance is rebuilding the read models; follow it on GET /api/v1/admin/projection.");
        }
        log.info("rebuild of the read models requested");
        processor.shutDown();
        boolean reset = false;
        try {
            processor.resetTokens();
            reset = true;
        } catch (UnableToClaimTokenException e) {
            throw new QueryProblem(409, "segments-claimed-elsewhere", "Segments are held by another instance",
                    "Another instance holds segments of " + DisputeProjection.PROCESSOR + "; stop the others (or"
                            + " rebuild from the instance holding them) and ask again.");
        } finally {
            if (!reset) {
                processor.start();
            }
        }
        // The replay, stream by stream; the processor starts when it is over (or has fallen back to replaying).
        bulk.startThenResume(processor);
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/projection")).body(status());
    }

    @PostMapping("/dead-letters/retry")
    @Operation(summary = "Retry the parked events, each dispute's in order (after a fix has been deployed)",
            description = "Events that fail again stay parked. Answers how many disputes' sequences went through and"
                    + " what is still parked.")
    public Map<String, Object> retryDeadLetters() {
        var processor = processing.sequencedDeadLetterProcessor(DisputeProjection.PROCESSOR)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor"));
        long parked = status.deadLetters().disputes().size();
        int processed = 0;
        // processAny takes one dispute's sequence at a time, oldest first; one that fails again is requeued and
        // touched, so going round twice the number of parked disputes is enough to try each.
        for (int attempt = 0; attempt < Math.max(parked, 1) * 2; attempt++) {
            if (processor.processAny()) {
                processed++;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("retriedSequences", processed);
        answer.put("deadLetters", status.deadLetters());
        return answer;
    }

    private static double bulkProgress(BulkRebuild.Progress p) {
        return p == null || p.of() == 0 ? 0.0 : Math.round((double) p.events() / p.of() * 1000) / 1000.0;
    }

    /** Replayed share of the replay's target, over all segments: 0 at the start, 1 once caught up. */
    private static double progress(List<ProjectionStatus.Segment> segments) {
        double done = 0;
        double target = 0;
        for (ProjectionStatus.Segment s : segments) {
            long goal = s.resetPosition() == null ? s.position() : s.resetPosition();
            target += Math.max(goal, 0);
            done += Math.max(Math.min(s.position(), goal), 0);
        }
        return target == 0 ? 1.0 : Math.round(done / target * 1000) / 1000.0;
    }
}
