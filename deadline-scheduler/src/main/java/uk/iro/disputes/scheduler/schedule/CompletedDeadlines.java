package uk.iro.disputes.scheduler.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Removes the rows of deadlines fired successfully, in groups: one statement for all that completed within
 * {@code interval} (or as soon as {@code groupSize} are waiting), from one background thread. db-scheduler removes a
 * one-time task's row as it completes, one statement and one commit per deadline: 20,000 of them in a 20,000-deadline
 * run, a round trip each on the firing thread.
 *
 * <p>Until its row is removed, a completed execution stays {@code picked = true} by this instance, so no poll fetches
 * it again, and the event processor's deletes (all {@code picked = false}) leave it alone; a deadline the processor
 * schedules again under the same id meanwhile fails its batch, which is handled again, as while the send is under way
 * (db-scheduler will not reschedule a picked execution). A row is removed only at the version it completed with: one
 * revived or rescheduled meanwhile has another version and stays. If the instance dies before the removal,
 * db-scheduler's dead-execution detection revives the row once its heartbeat is older than the limit (six heartbeat
 * intervals) and the deadline is sent once more; harmless, because dispute-command's aggregate records nothing the
 * second time (this is already what a crash in the middle of a send does). A failed removal is logged and its items
 * are kept and tried again at the next tick. Closing (after db-scheduler has stopped, before the DataSource closes)
 * removes what is waiting; a deadline completing after that is removed at once, as db-scheduler would.
 *
 * <p>A fired deadline waiting here still counts in iro_scheduler_deadlines_pending, for one interval at most while the
 * database answers.
 */
public final class CompletedDeadlines implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
    public static final int DEFAULT_GROUP_SIZE = 100;
    /** At most this many rows per statement (its arrays), however many are waiting after a failure. */
    private static final int MOST_PER_STATEMENT = 1_000;
    private static final Logger log = LoggerFactory.getLogger(CompletedDeadlines.class);

    private record Completed(String taskName, String taskInstance, long version) {
    }

    private final JdbcTemplate jdbc;
    private final long intervalNanos;
    private final int groupSize;
    private final Thread remover;
    private final AtomicLong failures = new AtomicLong();
    /** Failed attempts since the last that went through: only the first of a run is logged with its cause. */
    private final AtomicLong failingSince = new AtomicLong();
    /** Guarded by {@code this}, as are the others below. */
    private final List<Completed> waiting = new ArrayList<>();
    /** How many the background thread has taken and is removing. */
    private int removing;
    private boolean closed;

    public CompletedDeadlines(JdbcTemplate jdbc) {
        this(jdbc, DEFAULT_INTERVAL, DEFAULT_GROUP_SIZE);
    }

    public CompletedDeadlines(JdbcTemplate jdbc, Duration interval, int groupSize) {
        if (interval.isNegative() || interval.isZero() || groupSize < 1) {
            throw new IllegalArgumentException("the interval and the group size must be positive");
        }
        this.jdbc = jdbc;
        this.intervalNanos = interval.toNanos();
        this.groupSize = groupSize;
        this.remover = new Thread(this::run, "completed-deadlines");
        remover.setDaemon(true);
        remover.start();
    }

    /** An execution completed successfully: its row is to go, at this version only. */
    public void completed(String taskName, String taskInstance, long version) {
        Completed done = new Completed(taskName, taskInstance, version);
        synchronized (this) {
            if (!closed) {
                waiting.add(done);
                if (waiting.size() == 1 || waiting.size() == groupSize) {
                    notifyAll(); // the interval starts, or the group is full
                }
                return;
            }
        }
        if (!remove(List.of(done))) {
            log.error("completed deadline {} not removed after shutdown: once its heartbeat is stale it is revived and"
                    + " sent again", taskInstance);
        }
    }

    /** How many completed executions wait for their removal (those being removed this moment included). */
    public synchronized int waiting() {
        return waiting.size() + removing;
    }

    /** How many removals have failed (and been kept to be tried again) since start. */
    public long failures() {
        return failures.get();
    }

    /** Stops the background thread and removes what is waiting; later completions are removed one by one at once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            remover.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Completed> left;
        synchronized (this) {
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (int from = 0; from < left.size(); from += MOST_PER_STATEMENT) {
            List<Completed> group = left.subList(from, Math.min(left.size(), from + MOST_PER_STATEMENT));
            if (!remove(group)) {
                log.error("{} completed deadlines not removed at shutdown: once their heartbeat is stale they are"
                        + " revived and sent again", group.size());
            }
        }
    }

    private void run() {
        try {
            while (true) {
                List<Completed> group = nextGroup();
                if (group == null) {
                    return;
                }
                boolean removed = remove(group);
                synchronized (this) {
                    removing = 0;
                    if (!removed) {
                        waiting.addAll(0, group);
                        if (!closed) {
                            // Not at once again, however many are waiting: the next tick.
                            TimeUnit.NANOSECONDS.timedWait(this, intervalNanos);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a first completion, then up to the interval for a group to fill; null once closed. */
    private synchronized List<Completed> nextGroup() throws InterruptedException {
        while (!closed && waiting.isEmpty()) {
            wait();
        }
        long until = System.nanoTime() + intervalNanos;
        long left;
        while (!closed && waiting.size() < groupSize && (left = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return null; // close() removes what is waiting
        }
        List<Completed> taken = waiting.subList(0, Math.min(waiting.size(), MOST_PER_STATEMENT));
        List<Completed> group = new ArrayList<>(taken);
        taken.clear();
        removing = group.size();
        return group;
    }

    /** One statement per task name (there is one); false, logged, if the database refused. */
    private boolean remove(List<Completed> group) {
        Map<String, List<Completed>> byTask = new LinkedHashMap<>();
        group.forEach(c -> byTask.computeIfAbsent(c.taskName(), name -> new ArrayList<>()).add(c));
        try {
            for (Map.Entry<String, List<Completed>> task : byTask.entrySet()) {
                List<Completed> done = task.getValue();
                jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND (task_instance, version) IN"
                                + " (SELECT * FROM unnest(?::text[], ?::bigint[]))", task.getKey(),
                        done.stream().map(Completed::taskInstance).toArray(String[]::new),
                        done.stream().map(Completed::version).toArray(Long[]::new));
            }
        } catch (RuntimeException e) {
            // A task's statement that went through before another's failed removes nothing more when tried again.
            failures.incrementAndGet();
            if (failingSince.getAndIncrement() == 0) {
                log.warn("removing {} completed deadlines failed; kept, to be tried again", group.size(), e);
            } else {
                log.debug("removing {} completed deadlines failed again: {}", group.size(), e.toString());
            }
            return false;
        }
        long failed = failingSince.getAndSet(0);
        if (failed > 0) {
            log.info("completed deadlines removed again, after {} failed attempts", failed);
        }
        return true;
    }
}
