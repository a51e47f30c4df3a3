package uk.iro.disputes.command.api.request;

/**
 * The forms the kernel's value types accept, repeated here so that a bad value is a 400 naming its field
 * rather than an exception from a constructor. {@code RequestPatternsTest} keeps the two in step.
 */
public final class Patterns {
    public static final String STAFF_ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";
    public static final String STAFF_ID_MESSAGE = "must be 1-64 letters, digits or _ . : - (a staff id, never a name)";
    public static final String CASE_ID = "[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}";
    public static final String CASE_ID_MESSAGE = "must be 1-40 letters, digits or / _ . - (the case record id)";
    public static final String STAGE_KEY = "[a-z0-9][a-z0-9-]{0,39}";
    public static final String STAGE_KEY_MESSAGE = "must be a stage key such as stage-2 or informal";
    public static final String POLICY_ID = "[a-z0-9][a-z0-9-]{0,63}";
    public static final String POLICY_ID_MESSAGE = "must be a policy id such as wakefield";

    /** The dates a request may carry (see {@link PlausibleDate}). */
    public static final String EARLIEST_DATE = "1900-01-01";
    public static final String LATEST_DATE = "2199-12-31";

    public static final int SHORT_TEXT = 200;
    public static final int TEXT = 2000;
    public static final int LONG_TEXT = 8000;

    private Patterns() {
    }
}
