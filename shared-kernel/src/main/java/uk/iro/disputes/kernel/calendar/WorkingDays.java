package uk.iro.disputes.kernel.calendar;

/**
 * A number of working days, as in "within 5 working days". Zero is allowed (the same day); a negative
 * timescale has no meaning in any procedure, so it is refused rather than counted backwards.
 */
public record WorkingDays(int count) {

    public WorkingDays {
        if (count < 0) {
            throw new IllegalArgumentException("a number of working days cannot be negative: " + count);
        }
    }

    public static WorkingDays of(int count) {
        return new WorkingDays(count);
    }

    @Override
    public String toString() {
        return count == 1 ? "1 working day" : count + " working days";
    }
}
