package uk.iro.disputes.kernel.policy;

import java.util.Objects;
import java.util.Optional;
import uk.iro.disputes.kernel.calendar.WorkingDays;

/**
 * The informal stage that comes before the formal ladder.
 *
 * @param stage the informal stage itself, keyed {@link StageKey#INFORMAL}
 * @param recordWithin how soon the IRO records the concern after becoming aware of it (Wakefield: 5), or null
 * @param progressRating whether the IRO records a Red/Amber/Green progress judgement (Warwickshire)
 */
public record InformalResolution(StagePolicy stage, WorkingDays recordWithin, boolean progressRating) {
    public InformalResolution {
        Objects.requireNonNull(stage, "informal stage");
        if (!StageKey.INFORMAL.equals(stage.key())) {
            throw new IllegalArgumentException("the informal stage's key must be 'informal'");
        }
    }

    public Optional<WorkingDays> recordTimescale() {
        return Optional.ofNullable(recordWithin);
    }
}
