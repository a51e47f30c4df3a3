package uk.iro.disputes.kernel.calendar;

import java.time.LocalDate;
import java.util.Objects;

/** One bank holiday, titled as gov.uk titles it, so a list can be shown to users and checked against gov.uk. */
public record BankHoliday(LocalDate date, String title) implements Comparable<BankHoliday> {

    public BankHoliday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(title, "title");
        if (title.isBlank()) {
            throw new IllegalArgumentException("a bank holiday needs a title: " + date);
        }
    }

    @Override
    public int compareTo(BankHoliday other) {
        return date.compareTo(other.date);
    }
}
