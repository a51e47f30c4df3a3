package uk.iro.disputes.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gov.uk bank-holidays.json shape, cut down to a few events. */
class BankHolidayFeedTest {
    private static final String FEED = """
            {
              "england-and-wales": {"division": "england-and-wales", "events": [
                {"title": "New Year’s Day", "date": "2026-01-01", "notes": "", "bunting": true},
                {"title": "Hypothetical proclaimed day", "date": "2026-03-09", "notes": "", "bunting": true}
              ]},
              "scotland": {"division": "scotland", "events": [
                {"title": "2nd January", "date": "2026-01-02", "notes": "", "bunting": true},
                {"title": "St Andrew’s Day", "date": "2026-11-30", "notes": "Substitute day", "bunting": true}
              ]}
            }
            """;

    private static InputStream feed(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheChosenDivision() {
        assertThat(BankHolidayFeed.englandAndWales(feed(FEED))).containsExactly(
                new BankHoliday(LocalDate.of(2026, 1, 1), "New Year’s Day"),
                new BankHoliday(LocalDate.of(2026, 3, 9), "Hypothetical proclaimed day"));
        assertThat(BankHolidayFeed.read(feed(FEED), "scotland")).extracting(BankHoliday::date)
                .containsExactly(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 11, 30));
    }

    @Test
    void aFeedDayNotInTheDataMovesDueDates() {
        List<BankHoliday> events = BankHolidayFeed.englandAndWales(feed(FEED));
        WorkingDayCalendar calendar = WorkingDayCalendar.of(
                EnglandAndWalesBankHolidays.standard().withAdditional(events));

        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 3, 2), WorkingDays.of(5)))
                .isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(calendar.bankHolidays().inYear(2026)).hasSize(9);
    }

    @Test
    void aMissingDivisionOrABrokenEventIsRefused() {
        assertThatThrownBy(() -> BankHolidayFeed.read(feed(FEED), "northern-ireland"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'northern-ireland'")
                .hasMessageContaining("[england-and-wales, scotland]");
        assertThatThrownBy(() -> BankHolidayFeed.englandAndWales(feed("""
                {"england-and-wales": {"events": [{"title": "Bad", "date": "26/12/2026"}]}}
                """)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("england-and-wales.events[0].date");
        assertThatThrownBy(() -> BankHolidayFeed.englandAndWales(feed("not json")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
