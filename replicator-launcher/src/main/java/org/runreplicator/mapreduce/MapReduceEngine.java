package org.runreplicator.mapreduce;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.engine.AttemptManifest;
import org.runreplicator.engine.Engine;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.engine.SplitResult;
import org.runreplicator.engine.SplitTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Engine} of a Hadoop cluster: a map-only MapReduce job on YARN (or Hadoop's local
 * runner), one map task per split, each reading its split over its own JDBC connection
 * ({@link SplitTaskMapper}). At most {@code maxConnections} maps run at once
 * ({@code mapreduce.job.running.map.limit}), so the source never sees more sessions; MapReduce
 * retries a failed map up to {@code maxAttempts} times and may run speculative attempts, and its
 * task commit lets exactly one attempt per split win ({@link WinnerOutputFormat}). The password
 * travels in the job's credentials, never in its configuration. The driver polls the job and
 * reports progress as the local engine does.
 */
public final class MapReduceEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(MapReduceEngine.class);
    private static final long POLL_MILLIS = 1000;

    private final Configuration conf;
    private final int maxConnections;
    private final int maxAttempts;
    private volatile String applicationId;
    private volatile Job submitted;
    private volatile boolean cancelled;

    /** @param conf the cluster's configuration with the user's {@code -D} settings (queue, memory, framework) */
    public MapReduceEngine(Configuration conf, int maxConnections, int maxAttempts) {
        this.conf = conf;
        this.maxConnections = maxConnections;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String name() {
        return "mapreduce";
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public List<SplitResult> run(List<SplitTask> tasks, Secret password, int sessions, ProgressListener progress) throws Exception {
        if (tasks.isEmpty()) {
            return List.of();
        }
        int maps = Math.max(1, Math.min(maxConnections, sessions));
        Job job = job(tasks, password, maps);
        if (cancelled) {
            throw new InterruptedException("The run was stopped before its job was submitted");
        }
        job.submit();
        submitted = job;
        applicationId = job.getJobID().toString().replaceFirst("^job_", "application_");
        LOG.info("Submitted MapReduce job {} (YARN application {}) with {} map tasks, at most {} at once; tracking {}",
                job.getJobID(), applicationId, tasks.size(), maps, job.getTrackingURL());
        try {
            Map<Integer, Integer> attempts = new HashMap<>();
            Map<Integer, AttemptManifest> winners = new HashMap<>();
            monitor(job, tasks, progress, attempts, winners);
            if (!job.isSuccessful()) {
                throw failure(job, tasks);
            }
            return results(tasks, attempts, winners);
        } catch (InterruptedException | RuntimeException | IOException e) {
            if (!job.isComplete()) {
                LOG.warn("Killing MapReduce job {} after: {}", job.getJobID(), e.toString());
                job.killJob();
            }
            throw e;
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        Job job = submitted;
        if (job == null) {
            return;
        }
        try {
            if (!job.isComplete()) {
                LOG.warn("Killing MapReduce job {} (YARN application {}): the run was stopped", job.getJobID(), applicationId);
                job.killJob();
            }
        } catch (IOException e) {
            LOG.warn("Cannot kill MapReduce job {}: {}", job.getJobID(), e.getMessage());
        }
    }

    private Job job(List<SplitTask> tasks, Secret password, int maps) throws IOException {
        Configuration jobConf = new Configuration(conf);
        Path taskList = new Path(tasks.get(0).splitDir().getParent(), "_tasks");
        writeTasks(taskList, tasks, jobConf);
        jobConf.set(SplitTaskInputFormat.TASKS, taskList.toString());
        jobConf.setInt(MRJobConfig.JOB_RUNNING_MAP_LIMIT, maps);
        jobConf.setInt(MRJobConfig.MAP_MAX_ATTEMPTS, maxAttempts);
        Job job = Job.getInstance(jobConf, "replicator " + tasks.get(0).table().ref() + " run " + tasks.get(0).runId());
        job.setJarByClass(MapReduceEngine.class);
        job.setInputFormatClass(SplitTaskInputFormat.class);
        job.setMapperClass(SplitTaskMapper.class);
        job.setNumReduceTasks(0);
        job.setOutputFormatClass(WinnerOutputFormat.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(NullWritable.class);
        if (password != null) {
            job.getCredentials().addSecretKey(SplitTaskMapper.PASSWORD, password.reveal().getBytes(StandardCharsets.UTF_8));
        }
        return job;
    }

    private static void writeTasks(Path file, List<SplitTask> tasks, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try (ObjectOutputStream out = new ObjectOutputStream(fs.create(file, true))) {
            out.writeInt(tasks.size());
            for (SplitTask task : tasks) {
                out.writeObject(task);
            }
        }
    }

    /**
     * Polls until the job ends, reporting rows, finished splits and retried attempts; counts the
     * attempts per split and keeps each winner's manifest as its split finishes.
     */
    private static void monitor(Job job, List<SplitTask> tasks, ProgressListener progress, Map<Integer, Integer> attempts,
            Map<Integer, AttemptManifest> winners) throws IOException, InterruptedException {
        long rowsReported = 0;
        int eventsSeen = 0;
        boolean complete;
        do {
            complete = job.isComplete();
            long rows = job.getCounters().findCounter(ReplicatorCounters.ROWS).getValue();
            if (rows > rowsReported) {
                progress.rowsWritten(rows - rowsReported);
                rowsReported = rows;
            }
            TaskCompletionEvent[] events;
            while ((events = job.getTaskCompletionEvents(eventsSeen, 100)).length > 0) {
                eventsSeen += events.length;
                for (TaskCompletionEvent event : events) {
                    report(event, tasks, progress, job, attempts, winners);
                }
            }
            if (!complete) {
                Thread.sleep(POLL_MILLIS);
            }
        } while (!complete);
    }

    private static void report(TaskCompletionEvent event, List<SplitTask> tasks, ProgressListener progress, Job job,
            Map<Integer, Integer> attempts, Map<Integer, AttemptManifest> winners) throws IOException, InterruptedException {
        if (!event.isMapTask()) {
            return;
        }
        AttemptMarker marker = AttemptMarker.read(job.getConfiguration(), event.getTaskAttemptId());
        if (marker == null) {
            // Killed or failed before it started copying: nothing of it to report or count.
            return;
        }
        attempts.merge(marker.splitIndex, 1, Integer::sum);
        switch (event.getStatus()) {
            case SUCCEEDED:
                AttemptManifest winner = winner(byIndex(tasks, marker.splitIndex), job.getConfiguration());
                winners.put(marker.splitIndex, winner);
                progress.splitDone(marker.splitIndex, winner.rows);
                break;
            case FAILED:
                String[] diagnostics = job.getTaskDiagnostics(event.getTaskAttemptId());
                progress.splitRetry(marker.splitIndex, SplitTaskMapper.attemptNumber(event.getTaskAttemptId()),
                        diagnostics.length == 0 ? "attempt failed" : diagnostics[0].lines().findFirst().orElse(""));
                break;
            default:
                break;
        }
    }

    private static SplitTask byIndex(List<SplitTask> tasks, int splitIndex) {
        for (SplitTask task : tasks) {
            if (task.split().index() == splitIndex) {
                return task;
            }
        }
        throw new IllegalStateException("No task for split " + splitIndex);
    }

    private static AttemptManifest winner(SplitTask task, Configuration conf) throws IOException {
        Path path = new Path(task.splitDir(), AttemptManifest.WINNER);
        return AttemptManifest.read(path.getFileSystem(conf), path);
    }

    private List<SplitResult> results(List<SplitTask> tasks, Map<Integer, Integer> attempts,
            Map<Integer, AttemptManifest> winners) throws IOException {
        List<SplitResult> results = new ArrayList<>();
        for (SplitTask task : tasks) {
            AttemptManifest manifest = winners.get(task.split().index());
            if (manifest == null) {
                // A success the event stream never reported: its commit still recorded the winner.
                manifest = winner(task, conf);
            }
            // A losing attempt killed as the job ends may never be reported; the winner's number still counts it.
            int launched = Math.max(attempts.getOrDefault(task.split().index(), 1), manifest.attempt);
            results.add(new SplitResult(task.split().index(), manifest.files, launched));
        }
        return results;
    }

    /** The run's failure: the first split's own recorded failure where a map recorded one, else the job's state. */
    private ReplicatorException failure(Job job, List<SplitTask> tasks) throws IOException, InterruptedException {
        TaskFailure last = null;
        for (SplitTask task : tasks) {
            FileSystem fs = task.splitDir().getFileSystem(conf);
            List<TaskFailure> failures = TaskFailure.in(fs, task.splitDir());
            if (!failures.isEmpty() && (failures.size() >= maxAttempts || failures.stream().anyMatch(f -> !f.retriable))) {
                last = failures.get(failures.size() - 1);
                break;
            }
        }
        if (last != null) {
            return last.asException();
        }
        return new ReplicatorException(FailureKind.INTERNAL, "MapReduce job " + job.getJobID() + " (YARN application "
                + applicationId + ") ended " + job.getJobState() + ": " + firstLine(job.getStatus().getFailureInfo()));
    }

    private static String firstLine(String text) {
        return text == null || text.isBlank() ? "no diagnostics" : text.lines().findFirst().orElse(text);
    }
}
