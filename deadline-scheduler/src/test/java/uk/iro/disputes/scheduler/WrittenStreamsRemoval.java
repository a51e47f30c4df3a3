package uk.iro.disputes.scheduler;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * When this module's tests have all run, removes the bare streams they wrote into dispute-command's event store
 * ({@link SchedulerInstances#removeWrittenStreams()}), so that a second build on the same database starts from
 * disputes only as dispute-command stores them. Registered in META-INF/services.
 */
public final class WrittenStreamsRemoval implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        SchedulerInstances.removeWrittenStreams();
    }
}
