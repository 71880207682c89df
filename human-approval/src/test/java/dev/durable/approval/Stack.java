package dev.durable.approval;

import dev.durable.core.DurableFunction;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The real pieces wired together for end-to-end tests: the embedded runtime running an approval
 * workflow, and the approval endpoint completing its callbacks through the runtime's callback API.
 */
final class Stack implements AutoCloseable {
  static final SigningKey KEY = SigningKey.fromText("stack-test-signing-key-0123456789abcdef");
  static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  /** The endpoint's clock: real time plus a test-controlled offset (to expire links). */
  final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);
  final LocalRuntime runtime;
  final ApprovalEndpoint endpoint;
  final URI base;

  Stack(Supplier<ApprovalRequest> request, ApprovalNotifier... notifiers) {
    runtime = LocalRuntime.builder().store(new InMemoryExecutionStore(), new InMemoryLeaseStore())
        .pollInterval(Duration.ofMillis(20)).workerThreads(2).build();
    Clock endpointClock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.now().plus(skew.get());
      }
    };
    endpoint = ApprovalEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        EndpointConfig.of(KEY, CallbackSink.of(runtime::operations, runtime::completeCallback))
            .withSlackSigningSecret(SLACK_SECRET).withClock(endpointClock));
    base = URI.create("http://127.0.0.1:" + endpoint.port());
    ApprovalOptions options = ApprovalOptions.of(ApprovalLinks.of(base, KEY), notifiers);
    DurableFunction<String, String> fn = (in, ctx) -> {
      Decision d = Approvals.request(ctx, "approval", request.get(), options);
      return ctx.step("act", String.class, s -> (d.isApproved() ? "DONE" : "SKIPPED") + " by " + d.approver());
    };
    runtime.register("guarded", fn, String.class, String.class);
    runtime.startWorker();
  }

  String start(String name) {
    return runtime.start("guarded", name, "go").executionArn();
  }

  /** The run's approval callback once its notification went out (the first round's unless told). */
  Optional<Operation> callback(String arn) {
    List<Operation> ops = runtime.operations(arn);
    return ops.stream().filter(o -> o.type() == OperationType.CALLBACK).findFirst();
  }

  @Override
  public void close() {
    endpoint.close();
    runtime.close();
  }
}
