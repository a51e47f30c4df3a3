package uk.iro.disputes.query.history;

import java.util.Collection;
import java.util.stream.Collectors;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.ChildInformed;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;
import uk.iro.disputes.kernel.event.MonitoringMeetingOverdue;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageAcknowledged;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.kernel.policy.CafcassRule;

/** What each event changed, in plain words for an auditor reading the trail. */
public final class ChangeDescriptions {

    private ChangeDescriptions() {
    }

    /** A good-practice alert's events, in the same plain words. */
    public static String of(GoodPracticeEvent event) {
        if (event instanceof GoodPracticeRecorded e) {
            return "Good practice recorded for child case " + e.child().caseId() + ", team " + e.responsibleTeam()
                    + ", by " + who(e.recordedBy()) + " on " + e.recordedOn()
                    + (e.relatedDispute() == null ? "" : ", arising from dispute " + e.relatedDispute())
                    + "; the manager alerted: " + (e.manager() == null ? "any team or senior manager"
                    : who(e.manager())) + ".";
        }
        if (event instanceof GoodPracticeAcknowledged e) {
            return "Good-practice alert acknowledged by " + who(e.acknowledgedBy()) + " on " + e.acknowledgedOn() + ".";
        }
        throw new IllegalArgumentException("no description for " + event.getClass().getName());
    }

    public static String of(DisputeEvent event) {
        if (event instanceof DisputeRaised e) {
            return "Raised under policy " + e.policy().id() + " version " + e.policy().version() + " on the "
                    + words(e.track().name()) + " track for child case " + e.child().caseId() + ", team "
                    + e.responsibleTeam() + ", IRO " + e.iro().staffId() + "; concerns: " + names(e.categories())
                    + (e.progressRating() == null ? "" : "; progress rated " + e.progressRating())
                    + (e.consultee() == null ? "" : "; after consulting " + who(e.consultee()))
                    + (e.writtenRecordDueOn() == null ? "" : "; written record due " + e.writtenRecordDueOn()) + ".";
        }
        if (event instanceof StageOpened e) {
            return (e.formal() ? "Formal stage " : "Informal stage ") + e.stage() + " (" + e.title() + ") opened on "
                    + e.openedOn() + ", waiting on " + (e.assignee() == null ? "a " + e.assigneeRole()
                    : who(e.assignee())) + "; " + (e.dueDate() == null ? "no due date" : "due " + e.dueDate()) + ".";
        }
        if (event instanceof FormalProcessStarted e) {
            return "Formal process started at " + e.atStage() + " on " + e.startedOn()
                    + "; the statutory 20 working days end " + e.statutoryDueDate()
                    + (e.declaredTotalDueDate() == null ? "" : "; the policy's declared total ends "
                    + e.declaredTotalDueDate()) + ".";
        }
        if (event instanceof StageResponseRecorded e) {
            return who(e.respondent()) + " responded at " + e.stage() + " on " + e.respondedOn()
                    + (e.plannedActions().isEmpty() ? "" : ", planning " + count(e.plannedActions(), "action")) + ".";
        }
        if (event instanceof DisputeEscalated e) {
            return "Escalated from " + e.fromStage() + " to " + e.toStage() + " on " + e.escalatedOn() + " by "
                    + who(e.escalatedBy())
                    + (e.bypassed().isEmpty() ? "" : ", bypassing " + e.bypassed().stream().map(Object::toString)
                    .collect(Collectors.joining(", ")))
                    + (e.consultee() == null ? "" : ", after consulting " + who(e.consultee()))
                    + (e.reason() == null ? "" : ": " + text(e.reason())) + ".";
        }
        if (event instanceof StageTimescaleExtended e) {
            return "Due date of " + e.stage() + " extended from " + e.previousDueDate() + " to " + e.newDueDate()
                    + ", agreed by " + who(e.agreedBy()) + " on " + e.agreedOn()
                    + (e.benefitToChild() == null ? "" : "; benefit to the child: " + text(e.benefitToChild())) + ".";
        }
        if (event instanceof DisputeResolutionMeetingRecorded e) {
            return "Dispute resolution meeting at " + e.stage() + " held on " + e.heldOn() + " with "
                    + names(e.attendeeRoles()) + ": " + words(e.outcome().name()) + "; recorded by "
                    + who(e.recordedBy()) + ".";
        }
        if (event instanceof StageOverdue e) {
            return "Stage " + e.stage() + ", due " + e.dueDate() + ", recorded overdue on " + e.recordedOn() + ".";
        }
        if (event instanceof StatutoryTimescaleBreached e) {
            return "The formal process ran past its total timescale (due " + e.totalDueDate() + "), recorded on "
                    + e.recordedOn() + ".";
        }
        if (event instanceof DisputeResolved e) {
            return "Resolved at " + e.atStage() + " on " + e.resolvedOn() + " by " + who(e.resolvedBy())
                    + "; outcome: " + words(e.outcome().name())
                    + (e.agreedActions().isEmpty() ? "" : ", with " + count(e.agreedActions(), "agreed action"))
                    + (e.monitoringDueOn() == null ? "" : "; monitoring meeting due " + e.monitoringDueOn()) + ".";
        }
        if (event instanceof MonitoringOutcomeRecorded e) {
            return "Monitoring recorded on " + e.recordedOn() + " by " + who(e.recordedBy()) + ": the agreed actions "
                    + (e.achieved() ? "were achieved." : "were not achieved; next step: " + words(e.nextStep().name())
                    + ".");
        }
        if (event instanceof DisputeReopened e) {
            return "Reopened on " + e.reopenedOn() + " after " + e.lastStage() + ": " + text(e.reason()) + ".";
        }
        if (event instanceof ReferredToCafcass e) {
            return "Referred to CAFCASS at " + e.atStage() + " on " + e.referredOn() + " by " + who(e.referredBy())
                    + (e.consultee() == null ? "" : ", after consulting " + who(e.consultee()))
                    + (e.effect() == CafcassRule.Effect.CLOSES_ESCALATION ? "; this closes the escalation"
                    : "; the dispute continues alongside") + ".";
        }
        if (event instanceof IndependentLegalAdviceRequested e) {
            return "Independent legal advice requested on " + e.requestedOn() + " by " + who(e.requestedBy())
                    + (e.reason() == null ? "" : ": " + text(e.reason())) + ".";
        }
        if (event instanceof ChildInformed e) {
            return "The child was informed on " + e.informedOn() + (e.how() == null ? "" : " (" + e.how() + ")")
                    + "; recorded by " + who(e.recordedBy()) + " on " + e.recordedOn() + ".";
        }
        if (event instanceof DisputeWithdrawn e) {
            return "Withdrawn on " + e.withdrawnOn() + " by " + who(e.withdrawnBy())
                    + (e.reason() == null ? "" : ": " + text(e.reason())) + ".";
        }
        if (event instanceof StageAcknowledged e) {
            return "Stage " + e.stage() + " acknowledged by " + who(e.acknowledgedBy()) + " on " + e.acknowledgedOn()
                    + ", " + e.workingDaysAfterOpening() + " working day" + (e.workingDaysAfterOpening() == 1 ? "" : "s")
                    + " after it opened.";
        }
        if (event instanceof DisputeClosed e) {
            return "Record authorised and closed on " + e.closedOn() + " by " + who(e.authorisedBy()) + ".";
        }
        if (event instanceof StageDueSoon e) {
            return "Reminder: stage " + e.stage() + " is due " + e.dueDate() + " (" + e.workingDaysLeft()
                    + " working day" + (e.workingDaysLeft() == 1 ? "" : "s") + " left) with no response yet; recorded on "
                    + e.remindedOn() + ".";
        }
        if (event instanceof MonitoringMeetingOverdue e) {
            return "The monitoring meeting due " + e.monitoringDueOn() + " has no outcome recorded; recorded overdue on "
                    + e.recordedOn() + ".";
        }
        throw new IllegalArgumentException("no description for " + event.getClass().getName());
    }

    private static String who(StaffReference s) {
        return s.staffId() + " (" + s.role() + ")";
    }

    private static String names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    }

    private static String count(Collection<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }

    /** Free text ends the sentence; its own full stop is dropped so the sentence does not end twice. */
    private static String text(String free) {
        String t = free.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String words(String constant) {
        return constant.toLowerCase().replace('_', ' ');
    }
}
