package uk.iro.disputes.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The proclaimed days are data; a mistake in the data must fail loudly rather than shift due dates. */
class BankHolidayExceptionsTest {

    private static BankHolidayExceptions read(String yaml) {
        return BankHolidayExceptions.read("test.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBundledFileLoads() {
        BankHolidayExceptions bundled = BankHolidayExceptions.bundled();

        assertThat(bundled.movedIn(2020)).containsExactly(new BankHolidayExceptions.Moved(
                LocalDate.of(2020, 5, 8), LocalDate.of(2020, 5, 4), "Early May bank holiday (VE Day)"));
        assertThat(bundled.extraIn(2022)).extracting(BankHoliday::date)
                .containsExactly(LocalDate.of(2022, 6, 3), LocalDate.of(2022, 9, 19));
        assertThat(bundled.movedIn(2026)).isEmpty();
    }

    @Test
    void aMovedDayMustReplaceADayTheRulesGive() {
        assertThatThrownBy(() -> read("""
                moved:
                  - { date: 2026-05-08, replaces: 2026-05-05, title: Early May }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yaml: moved[0].replaces: 2026-05-05 is not a bank holiday by rule");
    }

    @Test
    void anExtraDayMustNotAlreadyBeABankHoliday() {
        assertThatThrownBy(() -> read("""
                extra:
                  - { date: 2026-12-28, title: Twice }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extra[0].date: 2026-12-28 is already a bank holiday");
    }

    @Test
    void typosAndBadDatesAreNamed() {
        assertThatThrownBy(() -> read("extra:\n  - { date: 2026-06-12, titel: Typo }\n"))
                .hasMessageContaining("extra[0]: unknown field 'titel'");
        assertThatThrownBy(() -> read("extra:\n  - { date: 2026-13-12, title: Bad }\n"))
                .hasMessageContaining("extra[0].date: '2026-13-12' is not a yyyy-mm-dd date");
        assertThatThrownBy(() -> read("extras: []\n")).hasMessageContaining("unknown field 'extras'");
        assertThatThrownBy(() -> read("""
                extra:
                  - { date: 2026-06-12, title: One }
                  - { date: 2026-06-12, title: Two }
                """)).hasMessageContaining("extra[1]: 2026-06-12 is already used by test.yaml: extra[0]");
    }

    @Test
    void anEmptyFileHasNoExceptions() {
        assertThat(read("# nothing proclaimed\n").extraIn(2026)).isEmpty();
    }
}
