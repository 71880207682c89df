package dev.durable.local.cli;

import dev.durable.local.LocalRuntime;
import dev.durable.local.RuntimeEvent;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code durable worker [--threads N] [--for DURATION]}: runs until Ctrl-C. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Runs the worker: resumes runs whose timer fired, retry is due or callback"
        + " completed; prints a line per invocation. Stops on Ctrl-C.",
        "Several workers (processes) may share one store; each run is invoked by one at a time."})
final class WorkerCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
      description = "Invocations that may run at once (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long (e.g. 30s) instead of waiting for Ctrl-C.")
  Duration runFor;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    LocalRuntime rt = root.open(b -> b.workerThreads(threads).onEvent(e -> root.out.println(line(e))));
    Thread hook = new Thread(() -> {
      root.out.println("Stopping the worker (running invocations get 10 s to finish)...");
      rt.close();
      summary(rt); // printed here: once the JVM is shutting down, the main thread may never resume
      stopped.countDown();
    }, "durable-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      rt.startWorker();
      root.out.println("Worker " + rt.stats().workerId() + " on " + root.store + " (" + root.durability
          + "): functions " + rt.functions() + ", " + threads + " threads. "
          + (runFor == null ? "Ctrl-C to stop." : "Stopping after " + Format.duration(runFor) + '.'));
      if (runFor == null) {
        stopped.await();
      } else {
        stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        rt.close();
        summary(rt);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C): the hook closes the runtime and reports
      }
    }
    return DurableCli.OK;
  }

  private void summary(LocalRuntime rt) {
    var stats = rt.stats();
    root.out.println("Worker stopped: " + stats.invocationsCompleted() + " invocations, "
        + stats.invocationsCrashed() + " crashed.");
  }

  static String line(RuntimeEvent e) {
    String what = switch (e.kind()) {
      case INVOCATION_ENDED -> "invocation ended: " + e.detail()
          + ("PENDING".equals(e.detail()) ? " (suspended, holds no thread)" : "");
      case INVOCATION_CRASHED -> "invocation crashed, will retry: " + Format.truncate(e.detail(), 80);
      case RUN_RECOVERED -> "taken over from a worker that died (" + e.detail() + ")";
      case CHILD_STARTED -> "started as a chained invoke, " + e.detail();
    };
    return Format.time(e.at()) + "  " + e.executionId() + "  " + e.functionName() + "  " + what;
  }
}
