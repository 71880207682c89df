package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Runs a case the way it runs on AWS: the handler is a {@link DurableHandler} registered with the
 * {@link LambdaEmulator}, which invokes it through the Lambda envelope and serves its checkpoints
 * over HTTP; the execution is started with {@code Invoke} and a durable execution name
 * (RequestResponse for the cases the suite runs synchronously, Event for the others), callbacks
 * are completed with the SendDurableExecutionCallback* APIs and the history is read with
 * GetDurableExecutionHistory — all through the AWS SDK's {@link LambdaClient}. The emulator's base
 * clock is a manual clock, so time moves only when the driver skips to the next timer or action.
 */
final class EmulatorBackend implements Backend {
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Override
  public String name() {
    return "Lambda emulator (AWS SDK client)";
  }

  @Override
  public Outcome run(CaseHandler handler, Start start) {
    try (Session s = new EmulatorSession(handler, start)) {
      return Driver.drive(s, start.actions(), start.skipTime());
    }
  }

  private static final class EmulatorSession implements Session {
    private final ManualClock base = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LambdaEmulator emulator;
    private final LambdaClient lambda;
    private final String arn;
    private final CompletableFuture<InvokeResponse> syncCall;

    EmulatorSession(CaseHandler handler, Start start) {
      this.emulator = LambdaEmulator.builder().clock(base).invokerThreads(2)
          .syncInvokeTimeout(SETTLE_TIMEOUT).start();
      Random jitter = new Random(7);
      ExecutorOptions options = ExecutorOptions.defaults().withClock(emulator.clock())
          .withJitter(jitter::nextDouble).withListener(Crash.listener());
      register("main", handler.main(), options);
      for (Map.Entry<String, DurableFunction<JsonNode, Object>> t : handler.targets().entrySet()) {
        register(t.getKey(), t.getValue(), options);
      }
      this.lambda = emulator.newClient();
      String name = "case-" + RUNS.incrementAndGet();
      if (start.synchronous()) {
        // the caller blocks until the execution ends, so it waits on its own thread while the
        // driver moves time; the execution is found by its name meanwhile
        this.syncCall = CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b
            .functionName("main:$LATEST").invocationType(InvocationType.REQUEST_RESPONSE)
            .durableExecutionName(name).payload(SdkBytes.fromUtf8String(start.inputJson()))));
        this.arn = findByName(name);
      } else {
        this.syncCall = null;
        this.arn = lambda.invoke(b -> b.functionName("main:$LATEST")
            .invocationType(InvocationType.EVENT).durableExecutionName(name)
            .payload(SdkBytes.fromUtf8String(start.inputJson()))).durableExecutionArn();
      }
    }

    private String findByName(String name) {
      long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
      while (System.nanoTime() - deadline < 0) {
        List<String> arns = lambda.listDurableExecutionsByFunction(b -> b.functionName("main")
            .durableExecutionName(name)).durableExecutions().stream()
            .map(e -> e.durableExecutionArn()).toList();
        if (!arns.isEmpty()) {
          return arns.get(0);
        }
        if (syncCall.isDone()) {
          syncCall.join(); // the Invoke failed: its error says why
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while looking for " + name, e);
        }
      }
      throw new IllegalStateException("execution " + name + " did not appear within " + SETTLE_TIMEOUT);
    }

    private void register(String name, DurableFunction<JsonNode, Object> fn, ExecutorOptions options) {
      emulator.register(name, client -> new DurableHandler<>(fn, TypeToken.of(JsonNode.class),
          HandlerOptions.defaults().withClient(client).withExecutorOptions(options)));
    }

    @Override
    public void settle() {
      if (!emulator.awaitIdle(SETTLE_TIMEOUT)) {
        throw new IllegalStateException("the emulator did not settle within " + SETTLE_TIMEOUT);
      }
    }

    private GetDurableExecutionResponse describe() {
      return lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
    }

    @Override
    public boolean ended() {
      return !"RUNNING".equals(describe().statusAsString());
    }

    @Override
    public List<ObservedEvent> history() {
      return lambda.getDurableExecutionHistoryPaginator(b -> b.durableExecutionArn(arn)
          .includeExecutionData(true)).events().stream().map(SdkJson::event).toList();
    }

    @Override
    public Instant now() {
      return emulator.clock().instant();
    }

    /** Scheduling only: when the emulator's next deadline is (the SDK has no such query). */
    @Override
    public Instant nextTimer() {
      return emulator.service().nextTimer().orElse(null);
    }

    @Override
    public Instant timeoutAt() {
      return emulator.service().describe(arn).timeoutAt();
    }

    @Override
    public void advanceTo(Instant t) {
      Duration d = Duration.between(now(), t);
      if (!d.isNegative() && !d.isZero()) {
        emulator.advanceTime(d);
      }
    }

    @Override
    public CallbackDriver.Sender sender() {
      return new CallbackDriver.Sender() {
        @Override
        public void succeed(String callbackId, String payload) {
          lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
              .result(payload == null ? null : SdkBytes.fromUtf8String(payload)));
        }

        @Override
        public void fail(String callbackId, ErrorObject error) {
          lambda.sendDurableExecutionCallbackFailure(b -> b.callbackId(callbackId)
              .error(e -> e.errorType(error.errorType()).errorMessage(error.errorMessage())));
        }

        @Override
        public void heartbeat(String callbackId) {
          lambda.sendDurableExecutionCallbackHeartbeat(b -> b.callbackId(callbackId));
        }
      };
    }

    @Override
    public Outcome outcome() {
      GetDurableExecutionResponse r = describe();
      String error = r.error() == null ? null : SdkJson.tree(r.error()).toString();
      Backend.InvokeAnswer answer = null;
      if (syncCall != null && !"RUNNING".equals(r.statusAsString())) {
        InvokeResponse sync = syncCall.orTimeout(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        answer = new Backend.InvokeAnswer(sync.payload() == null ? null : sync.payload().asUtf8String(),
            sync.functionError());
      }
      return new Outcome(r.statusAsString(), r.result(), error, history(), answer);
    }

    @Override
    public void close() {
      lambda.close();
      emulator.close();
    }
  }
}
