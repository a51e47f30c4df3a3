package uk.iro.disputes.query.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the child dispute-command, if a test started it, when the test run ends (the shutdown hook is the backstop). */
public class StopCommandService implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        CommandService.stopIfStarted();
    }
}
