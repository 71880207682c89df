package dev.durable.core.service;

import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService.CheckpointResult;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service over an in-memory store and a manual clock, plus an "invocation" helper that keeps the
 * current checkpoint token the way an SDK does.
 */
final class ServiceHarness {
  final MutableClock clock = MutableClock.fixed();
  final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final AtomicInteger ids = new AtomicInteger();
  final DurableExecutionService service;

  ServiceHarness() {
    this(1000);
  }

  /** A harness whose pages hold at most {@code pageSize} operations. */
  ServiceHarness(int pageSize) {
    service = new DurableExecutionService(store, clock, ServiceOptions.defaults()
        .withIdGenerator(() -> "exec" + ids.incrementAndGet()).withMaxItemsPerPage(pageSize));
  }

  /** Starts an execution of function "fn" with input "in". */
  String start() {
    return service.startExecution("fn", null, "\"in\"", null).executionArn();
  }

  /** Begins an invocation. */
  Invocation begin(String arn) {
    return new Invocation(arn, service.beginInvocation(arn));
  }

  /** Starts an execution and begins its first invocation. */
  Invocation startAndBegin() {
    return begin(start());
  }

  List<String> eventTypes(String arn) {
    return service.history(arn).stream().map(HistoryEvent::eventType).toList();
  }

  Operation op(String arn, String id) {
    return service.operations(arn).stream().filter(o -> o.id().equals(id)).findFirst()
        .orElseThrow();
  }

  /** One invocation: the first token, the latest token and the last response. */
  final class Invocation {
    final String arn;
    final InvocationInput input;
    final String firstToken;
    String token;
    CheckpointResult last;

    Invocation(String arn, InvocationInput input) {
      this.arn = arn;
      this.input = input;
      this.firstToken = input.checkpointToken();
      this.token = firstToken;
    }

    CheckpointResult checkpoint(OperationUpdate... updates) {
      last = service.checkpoint(arn, token, Arrays.asList(updates));
      token = last.checkpointToken();
      return last;
    }

    void end(InvocationOutput output) {
      service.endInvocation(arn, firstToken, output);
    }
  }
}
