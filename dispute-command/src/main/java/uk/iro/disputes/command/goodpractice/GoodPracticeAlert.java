package uk.iro.disputes.command.goodpractice;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static uk.iro.disputes.kernel.rule.DisputeRuleViolation.require;

import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.goodpractice.AcknowledgeGoodPractice;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeState;
import uk.iro.disputes.kernel.goodpractice.RecordGoodPractice;
import uk.iro.disputes.kernel.rule.DisputeRule;

/**
 * One good-practice alert: recorded by an IRO, CP chair or IRO manager, acknowledged once by the manager alerted.
 * Its own stream in the event store (ids {@code gp-…}), chained and published like a dispute's, never counted as one.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
public class GoodPracticeAlert {

    @AggregateIdentifier
    private GoodPracticeId alertId;
    private GoodPracticeState state = GoodPracticeState.initial();

    protected GoodPracticeAlert() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public GoodPracticeAlert(RecordGoodPractice command, Clock clock) {
        require(GoodPracticeState.RECORDERS.contains(command.actor().role()), DisputeRule.GOOD_PRACTICE_RECORDER,
                "recorded by a " + command.actor().role());
        require(command.manager() == null || GoodPracticeState.ACKNOWLEDGERS.contains(command.manager().role()),
                DisputeRule.GOOD_PRACTICE_MANAGER_NOT_A_MANAGER,
                "the manager named is a " + (command.manager() == null ? null : command.manager().role()));
        apply(new GoodPracticeRecorded(command.alertId(), command.child(), command.responsibleTeam(),
                command.relatedDispute(), command.manager(), command.description(), command.actor(),
                BusinessDate.today(clock)));
    }

    @CommandHandler
    public void handle(AcknowledgeGoodPractice command, Clock clock) {
        require(state.mayBeAcknowledgedBy(command.actor()), DisputeRule.GOOD_PRACTICE_ACKNOWLEDGER,
                command.actor().staffId() + " (" + command.actor().role() + ") is not the manager alerted");
        require(!state.isAcknowledged(), DisputeRule.GOOD_PRACTICE_ALREADY_ACKNOWLEDGED,
                "acknowledged on " + state.acknowledgedOn());
        apply(new GoodPracticeAcknowledged(alertId, command.actor(), BusinessDate.today(clock)));
    }

    @EventSourcingHandler
    void on(GoodPracticeEvent event) {
        alertId = event.alertId();
        state = state.evolve(event);
    }

    public GoodPracticeState state() {
        return state;
    }
}
