package uk.iro.disputes.command.api.request;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * A date the service can record and count working days to: from {@value Patterns#EARLIEST_DATE} to
 * {@value Patterns#LATEST_DATE}. JSON dates may have any year up to ±999999999; a meeting held in year 1 or a
 * due date in year 999999999 is a mistake, and the working-day arithmetic walks every year up to such a date.
 * Whether a date may be in the future is a rule of the process, checked by the dispute.
 */
@Documented
@Constraint(validatedBy = PlausibleDate.Check.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface PlausibleDate {
    String message() default "must be a date from " + Patterns.EARLIEST_DATE + " to " + Patterns.LATEST_DATE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is left to {@code @NotNull}. */
    class Check implements ConstraintValidator<PlausibleDate, LocalDate> {
        private static final LocalDate EARLIEST = LocalDate.parse(Patterns.EARLIEST_DATE);
        private static final LocalDate LATEST = LocalDate.parse(Patterns.LATEST_DATE);

        @Override
        public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
            return date == null || (!date.isBefore(EARLIEST) && !date.isAfter(LATEST));
        }
    }
}
