package dev.durable.lambda.emulator;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpServer;
import dev.durable.core.DurableException;
import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.core.service.ServiceOptions;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.emulator.internal.Faults;
import dev.durable.lambda.emulator.internal.Functions;
import dev.durable.lambda.emulator.internal.Invoker;
import dev.durable.lambda.emulator.internal.OffsetClock;
import dev.durable.lambda.emulator.internal.RestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A local stand-in for the Lambda durable-execution service: an HTTP server on loopback that
 * answers the REST API the AWS SDK's {@code LambdaClient} speaks (checkpoint, state, callbacks,
 * get, history, list, stop, and Invoke with a durable execution name), plus the part of Lambda
 * that invokes durable functions: it runs registered handlers through the exact invocation event
 * and invokes them again when a wait, retry or callback comes due. Every service rule comes from
 * {@link DurableExecutionService}, the same implementation the embedded runtime uses.
 *
 * <pre>{@code
 * try (LambdaEmulator emulator = LambdaEmulator.start(0)) {
 *   emulator.register("orders", new OrderWorkflow(gateway), Order.class);
 *   LambdaClient lambda = emulator.newClient();
 *   String arn = lambda.invoke(b -> b.functionName("orders:$LATEST").invocationType("Event")
 *       .durableExecutionName("order-1").payload(SdkBytes.fromUtf8String(orderJson)))
 *       .durableExecutionArn();
 *   emulator.awaitSuspended(arn, Duration.ofSeconds(30)); // the 5-minute cool-off
 *   emulator.advanceTime(Duration.ofMinutes(5));
 *   ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Time: the emulator's clock is the system clock plus an offset; {@link #advanceTime} moves it
 * forward so tests skip waits and retry delays without sleeping. Not a security boundary: requests
 * are not authenticated, and it binds to loopback only.
 */
public final class LambdaEmulator implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final DurableExecutionService service;
  private final ExecutionStore store;
  private final boolean ownsStore;
  private final OffsetClock clock;
  private final Functions functions = new Functions();
  private final Faults faults = new Faults();
  private final Invoker invoker;
  private final RestApi api;

  private LambdaEmulator(Builder b) throws IOException {
    this.clock = new OffsetClock(b.clock);
    this.ownsStore = b.store == null;
    this.store = b.store == null ? new InMemoryExecutionStore() : b.store;
    this.service = new DurableExecutionService(store, clock, b.serviceOptions);
    if (!ownsStore) {
      recoverLostInvocations();
    }
    this.invoker = new Invoker(service, clock, functions, b.invokerThreads, b.maxCrashes);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
    this.httpThreads = Executors.newFixedThreadPool(b.httpThreads, r -> {
      Thread t = new Thread(r, "durable-emulator-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(httpThreads);
    this.api = new RestApi(service, store, functions, invoker, faults, b.syncInvokeTimeout);
    server.createContext("/", api);
    server.start();
  }

  /**
   * A store kept from an earlier emulator may hold invocations that were running when it stopped;
   * nothing would ever end them, so they are recorded as crashed and the runs invoked again.
   */
  private void recoverLostInvocations() {
    var running = new ExecutionQuery(null, ExecutionStatus.RUNNING, null, null, 1000);
    for (ExecutionRecord r : service.list(running)) {
      if (r.invocationActive()) {
        service.invocationCrashed(r.executionArn(), ErrorObject.of("Emulator.Restarted",
            "The emulator stopped while this invocation ran; the run is invoked again."));
      }
    }
  }

  /** An emulator on {@code port} (0 = any free port) with an in-memory store. */
  public static LambdaEmulator start(int port) {
    return builder().port(port).start();
  }

  /** A builder for other stores, clocks, page sizes or thread counts. */
  public static Builder builder() {
    return new Builder();
  }

  /** Registers the handler invoked for executions of {@code functionName}. */
  public LambdaEmulator register(String functionName, RequestStreamHandler handler) {
    requireName(functionName);
    functions.register(functionName, Objects.requireNonNull(handler, "handler"));
    invoker.wakeUp();
    return this;
  }

  /**
   * Registers a handler built with a client that talks to this emulator, e.g. {@code client ->
   * new DurableHandler<>(fn, TypeToken.of(In.class), HandlerOptions.defaults().withClient(client))}.
   */
  public LambdaEmulator register(String functionName,
      Function<LambdaClient, ? extends RequestStreamHandler> factory) {
    return register(functionName, factory.apply(newClient()));
  }

  /**
   * Registers {@code function} as a durable Lambda function: a {@code DurableHandler} with a client
   * that talks to this emulator. The shortest way in for tests.
   */
  public <I, O> LambdaEmulator register(String functionName, DurableFunction<I, O> function,
      Class<I> inputType) {
    return register(functionName, function, TypeToken.of(inputType));
  }

  /** {@link #register(String, DurableFunction, Class)} for a generic input type. */
  public <I, O> LambdaEmulator register(String functionName, DurableFunction<I, O> function,
      TypeToken<I> inputType) {
    return register(functionName, client -> new DurableHandler<>(function, inputType,
        HandlerOptions.defaults().withClient(client)));
  }

  /**
   * Starts an execution as {@code Invoke} with an execution name does (idempotent by name) and
   * returns its ARN; the invoker runs it at once.
   *
   * @param executionName 1..64 characters of {@code [a-zA-Z0-9_-]}, or null for a generated one
   * @param inputJson the input as JSON
   */
  public String startExecution(String functionName, String executionName, String inputJson) {
    String arn = service.startExecution(functionName, executionName, inputJson, null).executionArn();
    invoker.wakeUp();
    return arn;
  }

  /** The registered function names. */
  public List<String> functions() {
    return functions.names();
  }

  /** The base URL to point an SDK client at ({@code endpointOverride}). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The port the emulator listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * A new {@link LambdaClient} for this emulator: endpoint override, static test credentials,
   * region us-east-1, the URL-connection HTTP client. Close it when done.
   */
  public LambdaClient newClient() {
    return LambdaClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("emulator", "emulator")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Moves the emulator's clock forward: due waits, retries and timeouts fire at once. */
  public void advanceTime(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("advanceTime needs a positive duration, got " + d);
    }
    clock.advance(d);
    invoker.wakeUp();
  }

  /** The emulator's clock (system time plus every {@link #advanceTime}). */
  public Clock clock() {
    return clock;
  }

  /**
   * Fault injection: the {@code n}-th checkpoint request of {@code functionName} (1-based, n ≥ 2
   * for a realistic stale token) reaches the service with the previous, already consumed token.
   */
  public void staleTokenAt(String functionName, int n) {
    faults.staleTokenAt(functionName, n);
  }

  /** Waits (wall time) until the execution has ended and returns its row. */
  public ExecutionRecord awaitEnd(String executionArn, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = invoker.progress().generation();
      ExecutionRecord r = service.describe(executionArn);
      if (r.status() != ExecutionStatus.RUNNING) {
        return r;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new DurableException("Execution " + executionArn + " is still RUNNING after "
            + timeout + "; its operations: " + service.operations(executionArn));
      }
      try {
        invoker.progress().awaitChange(seen, 50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DurableException("Interrupted while awaiting " + executionArn, e);
      }
    }
  }

  /**
   * Waits (wall time) until the execution is suspended (running, with no invocation active or
   * asked for: it waits for a timer, a retry or a callback) or has ended; returns its row. Tests
   * call it before {@link #advanceTime} or before completing a callback.
   */
  public ExecutionRecord awaitSuspended(String executionArn, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = invoker.progress().generation();
      ExecutionRecord r = service.describe(executionArn);
      boolean idle = r.status() != ExecutionStatus.RUNNING
          || (!r.invocationActive() && !r.invocationRequested() && r.eventCount() > 1);
      if (idle) {
        return r;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new DurableException("Execution " + executionArn + " did not suspend within "
            + timeout + "; its operations: " + service.operations(executionArn));
      }
      try {
        invoker.progress().awaitChange(seen, 20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DurableException("Interrupted while awaiting " + executionArn, e);
      }
    }
  }

  /** The execution's operations (its journal), the EXECUTION operation first. */
  public List<Operation> operations(String executionArn) {
    return service.operations(executionArn);
  }

  /** The execution's history, as GetDurableExecutionHistory reports it. */
  public List<HistoryEvent> history(String executionArn) {
    return service.history(executionArn);
  }

  /**
   * How many requests each API has served, by the SDK's operation name (e.g.
   * {@code CheckpointDurableExecution}, {@code GetDurableExecutionState}, {@code Invoke}).
   */
  public java.util.Map<String, Long> requestCounts() {
    return api.requestCounts();
  }

  /** The service behind the REST API, for tests that inspect or drive it directly. */
  public DurableExecutionService service() {
    return service;
  }

  @Override
  public void close() {
    server.stop(0);
    invoker.close();
    httpThreads.shutdownNow();
    if (ownsStore) {
      store.close();
    }
  }

  private static void requireName(String name) {
    if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("functionName is '" + name + "'; use 1..64 characters of"
          + " [a-zA-Z0-9_-], without a qualifier (e.g. \"orders\").");
    }
  }

  /** Settings of an emulator; {@link #start()} starts it. */
  public static final class Builder {
    private int port;
    private ExecutionStore store;
    private Clock clock = Clock.systemUTC();
    private ServiceOptions serviceOptions = ServiceOptions.defaults();
    private int invokerThreads = 4;
    private int httpThreads = 8;
    private int maxCrashes = 3;
    private Duration syncInvokeTimeout = Duration.ofMinutes(15);

    private Builder() {}

    /** The TCP port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + p);
      }
      this.port = p;
      return this;
    }

    /**
     * The journal store; default a fresh in-memory store (closed with the emulator). A given store
     * stays open (the caller closes it) and may come from an earlier emulator: its runs go on, and
     * invocations that were running when that emulator stopped are recorded as crashed and retried.
     */
    public Builder store(ExecutionStore s) {
      this.store = Objects.requireNonNull(s, "store");
      return this;
    }

    /** The base clock (default the system clock); {@link #advanceTime} adds to it. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Service settings, e.g. a small {@code maxItemsPerPage} to exercise paging. */
    public Builder serviceOptions(ServiceOptions o) {
      this.serviceOptions = Objects.requireNonNull(o, "serviceOptions");
      return this;
    }

    /** How many invocations may run at once (default 4). */
    public Builder invokerThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("invokerThreads must be at least 1, got " + n);
      }
      this.invokerThreads = n;
      return this;
    }

    /** Invocation errors in a row after which an execution fails (default 3). */
    public Builder maxCrashes(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxCrashes must be at least 1, got " + n);
      }
      this.maxCrashes = n;
      return this;
    }

    /** How long a RequestResponse Invoke waits for the execution to end (default 15 min). */
    public Builder syncInvokeTimeout(Duration d) {
      this.syncInvokeTimeout = Objects.requireNonNull(d, "syncInvokeTimeout");
      return this;
    }

    /** Starts the emulator. */
    public LambdaEmulator start() {
      try {
        return new LambdaEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
      }
    }
  }
}
