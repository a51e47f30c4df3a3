/**
 * Working days and business dates: the England and Wales bank holidays (computed by rule, with the proclaimed
 * moved and extra days kept as data), a council's closure days, and "today" in London from an injected clock.
 * Every statutory and policy timescale ("within N working days of D") is counted here, and only here.
 */
package uk.iro.disputes.kernel.calendar;
