package dev.durable.local.internal;

import dev.durable.core.ExecutorOptions;
import dev.durable.core.internal.Signal;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.local.RuntimeEvent;
import dev.durable.local.RuntimeStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: one scheduler thread and a bounded pool of invoker threads.
 *
 * <p>Every poll interval, or at once when {@link #wakeUp()} is signalled (a run started, a callback
 * completed, an invocation ended in this process), the scheduler first hands runs that await an
 * invocation to free invoker threads, then fires due timers, starts the targets of chained invokes
 * (after an invocation ended here, else about once a second), renews the leases of running
 * invocations, takes over runs whose worker died, and hands out what those made runnable. Each
 * hand-over first claims the run's lease, so two workers on one store never run the same
 * invocation at once. A run {@linkplain #offer offered} by this process (a callback completed
 * here) skips the scheduler: an invoker thread claims and runs it directly, under the same lock
 * as the scheduler's claims, and leaves it to the scheduler if it cannot.
 *
 * <p>State per run exists only while its invocation runs ({@link Claim}) or while it backs off
 * after a crash ({@link CrashBackoff}); a suspended run costs nothing here. Each tick and each
 * invocation works through its own short-lived {@link DurableExecutionService} (possibly one
 * {@linkplain #offer offered} by the code that asked for it), so no cached copy of an execution
 * outlives the work that loaded it.
 */
public final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final int SCAN_LIMIT = 1000;

  final RuntimeSettings settings;
  final FunctionRegistry registry;
  final CrashBackoff backoff = new CrashBackoff();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong crashed = new AtomicLong();
  private final Signal wakeUp;
  private final Signal progress;
  private final ConcurrentHashMap<String, Claim> inFlight = new ConcurrentHashMap<>();
  private final Handoffs handoffs = new Handoffs();
  // held while claiming runs: the scheduler and the direct hand-offs of offer() never claim one twice
  private final Object dispatching = new Object();
  private final Set<String> warnedFunctions = ConcurrentHashMap.newKeySet();
  private final LostRunSweeper sweeper;
  private final InvocationRunner runner;
  private ThreadPoolExecutor invokers;
  private ExecutorService flows;
  private Thread scheduler;
  private volatile boolean running;
  // Finding chained invokes without a target may scan many runs (the store's default loads up to
  // 1000), so it runs after an invocation ended here, and otherwise about once a second.
  private volatile boolean invokesMaybePending = true;
  private int ticksSinceInvokeScan;

  /**
   * A worker that is not started yet.
   *
   * @param wakeUp signalled to make the scheduler look for work now
   * @param progress signalled whenever an invocation ends, for awaiting callers
   */
  public Worker(RuntimeSettings settings, FunctionRegistry registry, Signal wakeUp, Signal progress) {
    this.settings = settings;
    this.registry = registry;
    this.wakeUp = wakeUp;
    this.progress = progress;
    this.sweeper = new LostRunSweeper(this);
    this.runner = new InvocationRunner(this);
  }

  /** Starts the scheduler and the pools; a second call does nothing. */
  public synchronized void start() {
    if (running) {
      return;
    }
    String id = settings.workerId();
    int n = settings.workerThreads();
    invokers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        daemonThreads("durable-invoker-" + id + '-'));
    // workflow threads (the handler, async steps, branches) come and go with invocations
    flows = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
        daemonThreads("durable-flow-" + id + '-'));
    runner.engineOptions = ExecutorOptions.defaults().withClock(settings.clock()).withExecutor(flows);
    running = true;
    scheduler = daemonThreads("durable-scheduler-" + id).newThread(this::loop);
    scheduler.start();
  }

  /** True between {@link #start()} and {@link #stop()}. */
  public boolean isRunning() {
    return running;
  }

  /** Makes the scheduler look for work now instead of at the next poll. */
  public void wakeUp() {
    wakeUp.fire();
  }

  /**
   * Wakes the scheduler for a run that now awaits an invocation, offering that invocation the
   * service that asked for it (see {@link Handoffs}).
   */
  public void offer(String executionId, DurableExecutionService service) {
    if (running && inFlight.size() < settings.workerThreads()) {
      try {
        // Straight to an invoker thread, which claims the run and runs it: the scheduler's
        // wake-up and its scan of the store cost a resume 0.1-0.25 ms on this VM.
        invokers.execute(() -> {
          if (!claimAndRun(executionId, service)) {
            handoffs.offer(executionId, service);
            wakeUp.fire();
          }
        });
        return;
      } catch (RejectedExecutionException e) {
        // stopping: the scheduler path below decides
      }
    }
    if (running) {
      handoffs.offer(executionId, service);
    }
    wakeUp.fire();
  }

  /**
   * Claims one run on the current (invoker) thread and runs its invocation there, as {@link
   * #dispatch} would have. False if it did not claim it (taken, backing off, no free slot, store
   * busy); the scheduler then decides, as for any other run.
   */
  private boolean claimAndRun(String id, DurableExecutionService service) {
    Claim c;
    try {
      Instant now = settings.clock().instant();
      synchronized (dispatching) {
        if (!running || inFlight.containsKey(id) || backoff.blocked(id, now)
            || inFlight.size() >= settings.workerThreads()) {
          return false;
        }
        c = claim(id, service, now);
      }
    } catch (RuntimeException e) {
      LOG.debug("durable worker {}: direct claim of {} failed, the scheduler retries: {}",
          settings.workerId(), id, e.toString());
      return false;
    }
    if (c != null) {
      runner.run(c);
    }
    return true; // not claimed for good reason (closed meanwhile) also ends the offer
  }

  /**
   * Stops the scheduler, lets running invocations finish within the shutdown timeout, then hands
   * the rest back: each is reported as crashed (so any worker re-invokes it from its journal) and
   * its lease released. Their threads are interrupted; whatever they still try to checkpoint is
   * refused by the service because their token is dead.
   */
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    synchronized (dispatching) {
      // a direct claim in progress finishes registering in flight; none starts after this
    }
    wakeUp.fire();
    try {
      scheduler.join(settings.shutdownTimeout().toMillis() + 1000);
      invokers.shutdown();
      invokers.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Claim c : List.copyOf(inFlight.values())) {
      runner.abandon(c);
      finished(c);
    }
    invokers.shutdownNow();
    flows.shutdownNow();
  }

  /** Counters and sizes for {@link dev.durable.local.LocalRuntime#stats()}. */
  public RuntimeStats stats() {
    return new RuntimeStats(settings.workerId(), running, inFlight.size(),
        inFlight.size() + backoff.size(), completed.get(), crashed.get());
  }

  private void loop() {
    while (running) {
      long seen = wakeUp.generation();
      try {
        tick();
      } catch (RuntimeException e) {
        // e.g. the store is busy or briefly unavailable: the next tick tries again
        LOG.warn("durable worker {}: scheduler tick failed: {}", settings.workerId(), e.toString());
      }
      try {
        wakeUp.awaitChange(seen, settings.pollInterval().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * A service for one unit of work (a tick, an invocation, an API call). Never reuse one across
   * units: its cache keeps copies of executions, and with other processes writing the same store a
   * long-lived copy goes stale (and would keep a suspended run's history in memory).
   */
  public static DurableExecutionService newService(RuntimeSettings settings) {
    return new DurableExecutionService(settings.store(), settings.clock());
  }

  DurableExecutionService newService() {
    return newService(settings);
  }

  private void tick() {
    Instant now = settings.clock().instant();
    handoffs.expire();
    // Runs that already wait go first: a completed callback must not wait behind the scans below.
    dispatch(now);
    DurableExecutionService service = newService();
    boolean more = !service.fireDueTimers().isEmpty();
    long every = Math.max(1, 1000 / Math.max(1, settings.pollInterval().toMillis()));
    if (invokesMaybePending || ++ticksSinceInvokeScan >= every) {
      invokesMaybePending = false;
      ticksSinceInvokeScan = 0;
      more |= ChainedInvokes.startTargets(this, service);
    }
    renewLeases(now);
    sweeper.maybeSweep(now);
    if (more) {
      dispatch(now); // what the timers and invokes just asked for
    }
  }

  private void renewLeases(Instant now) {
    Duration every = settings.leaseTtl().dividedBy(3);
    for (Claim c : inFlight.values()) {
      if (!now.isBefore(c.renewedAt.plus(every))) {
        if (settings.leases().renew(c.executionId, settings.workerId(), now, settings.leaseTtl())) {
          c.renewedAt = now;
        } else {
          LOG.warn("durable worker {}: lost the lease on {} mid-invocation; another worker took"
              + " the run over and this invocation's checkpoints will be refused",
              settings.workerId(), c.executionId);
        }
      }
    }
  }

  private void dispatch(Instant now) {
    synchronized (dispatching) {
      dispatchClaimed(now);
    }
  }

  /** Under {@link #dispatching}: claims runs that await an invocation and starts them. */
  private void dispatchClaimed(Instant now) {
    int free = settings.workerThreads() - inFlight.size();
    if (free <= 0) {
      return;
    }
    List<String> candidates = new ArrayList<>();
    for (String id : settings.store().executionsAwaitingInvocation(SCAN_LIMIT)) {
      if (candidates.size() >= free) {
        break;
      }
      if (!inFlight.containsKey(id) && !backoff.blocked(id, now)) {
        candidates.add(id);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    // one write claims them all: a write per run made dispatching the bottleneck of busy workers
    for (String id : settings.leases().tryAcquireAll(candidates, settings.workerId(), now,
        settings.leaseTtl())) {
      Claim c = checked(id, handoffs.take(id), now);
      if (c != null) {
        invokers.execute(() -> runner.run(c)); // at once: the next record read need not delay it
      }
    }
  }

  /** Under {@link #dispatching}: the lease on one run, checked; null if not claimed. */
  private Claim claim(String id, DurableExecutionService offered, Instant now) {
    return settings.leases().tryAcquire(id, settings.workerId(), now, settings.leaseTtl())
        ? checked(id, offered, now) : null;
  }

  /**
   * Under {@link #dispatching} and the run's freshly acquired lease: the claim, registered in
   * flight, if the run still awaits an invocation of a function registered here; otherwise the
   * lease is released and null returned.
   */
  private Claim checked(String id, DurableExecutionService offered, Instant now) {
    // Under the lease no other worker can begin an invocation: read the truth from the store
    // (the row alone; the invocation loads the history, or begins on a handed-over copy).
    ExecutionRecord stored = settings.store().record(id).orElse(null);
    if (stored == null || stored.status().isTerminal() || !stored.invocationRequested()
        || registry.find(stored.functionName()).isEmpty()) {
      if (stored != null && registry.find(stored.functionName()).isEmpty()) {
        warnUnregistered(stored.functionName());
      }
      settings.leases().release(id, settings.workerId());
      return null;
    }
    Claim c = new Claim(id, stored.functionName(), offered != null ? offered : newService(), now);
    inFlight.put(id, c);
    return c;
  }

  /** True while this worker runs an invocation of the execution. */
  boolean isRunning(String executionId) {
    return inFlight.containsKey(executionId);
  }

  /** The claim's invocation is over (ended, crashed or abandoned): forget the run entirely. */
  void finished(Claim c) {
    synchronized (dispatching) { // else a claim between the two could lose its fresh lease here
      if (inFlight.remove(c.executionId, c)) {
        settings.leases().release(c.executionId, settings.workerId());
      }
    }
    invokesMaybePending = true; // the invocation may have checkpointed a chained invoke
    progress.fire();
    wakeUp.fire(); // a slot is free, and a parent may now be due
  }

  void emit(RuntimeEvent.Kind kind, String executionId, String functionName, String detail) {
    try {
      settings.listener().accept(new RuntimeEvent(settings.clock().instant(), kind, executionId,
          functionName, detail));
    } catch (RuntimeException e) {
      LOG.warn("durable worker {}: event listener failed: {}", settings.workerId(), e.toString());
    }
  }

  void warnUnregistered(String functionName) {
    if (warnedFunctions.add(functionName)) {
      LOG.warn("durable worker {}: runs of function '{}' are waiting, but it is not registered in"
          + " this process (registered: {}); a worker that registers it will run them.",
          settings.workerId(), functionName, registry.names());
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
      t.setDaemon(true);
      return t;
    };
  }
}
