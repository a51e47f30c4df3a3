package uk.iro.disputes.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.application.CommandRejected;
import uk.iro.disputes.scheduler.command.CommandPort.Outcome;

/** How the in-process adapter reads dispute-command's refusals, as the HTTP adapter reads the same answers. */
class InProcessCommandPortTest {

    /** Two deadlines of one dispute firing together: the one that loses the race is sent again, not dropped. */
    @Test
    void aCommandThatLostARaceIsRetriedButOtherRefusalsEndTheDeadline() {
        assertThat(InProcessCommandPort.refused("stage-overdue", "d-1", CommandRejected.concurrentChange()))
                .isEqualTo(Outcome.RETRY);
        assertThat(InProcessCommandPort.refused("stage-overdue", "d-1", CommandRejected.notFound("d-1")))
                .isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(InProcessCommandPort.refused("stage-overdue", "d-1", CommandRejected.stale(3, 4)))
                .isEqualTo(Outcome.NOTHING_TO_DO);
    }
}
