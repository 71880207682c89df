package dev.durable.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.InvocationOutput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starting executions, idempotently by name (reference §2.9). */
class IdempotentStartTest {
  private final ServiceHarness h = new ServiceHarness();

  @Test
  void startCreatesARunningExecutionAwaitingItsFirstInvocation() {
    StartResult r = h.service.startExecution("orders", "order-1", "{\"id\":1}", null);
    assertThat(r.created()).isTrue();
    assertThat(r.executionId()).isEqualTo("exec1");
    assertThat(r.executionArn()).isEqualTo(
        "arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST/durable-execution/"
            + "order-1/exec1");
    ExecutionRecord e = h.service.describe(r.executionArn());
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(e.inputPayload()).isEqualTo("{\"id\":1}");
    assertThat(e.invocationRequested()).isTrue();
    assertThat(e.timeoutAt()).isEqualTo(h.clock.instant().plus(Duration.ofDays(366)));
    assertThat(e.wakeAt()).isEqualTo(e.timeoutAt());
    assertThat(h.service.describe("exec1")).isEqualTo(e);
    assertThat(h.service.executionsAwaitingInvocation()).containsExactly(r.executionArn());
    assertThat(h.eventTypes(r.executionArn())).containsExactly("ExecutionStarted");
  }

  @Test
  void sameNameAndInputReturnsTheRunningExecution() {
    StartResult first = h.service.startExecution("orders", "order-1", "{\"id\":1}", null);
    StartResult again = h.service.startExecution("orders", "order-1", "{\"id\":1}", null);
    assertThat(again).isEqualTo(new StartResult(first.executionArn(), first.executionId(),
        false));
    assertThat(h.service.list(ExecutionQuery.all())).hasSize(1);
  }

  @Test
  void sameNameWithAnotherInputIsAlreadyStarted() {
    h.service.startExecution("orders", "order-1", "{\"id\":1}", null);
    assertThatThrownBy(() -> h.service.startExecution("orders", "order-1", "{\"id\":2}", null))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.code()).isEqualTo(ServiceException.ALREADY_STARTED);
          assertThat(e.httpStatus()).isEqualTo(409);
        })
        .hasMessageContaining("already used by running execution")
        .hasMessageContaining("different input");
  }

  @Test
  void nameOfAClosedExecutionIsRefused() {
    StartResult first = h.service.startExecution("orders", "order-1", "1", null);
    h.begin(first.executionArn()).end(InvocationOutput.succeeded("done"));
    assertThatThrownBy(() -> h.service.startExecution("orders", "order-1", "1", null))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ServiceException.ALREADY_STARTED))
        .hasMessageContaining("which is closed (SUCCEEDED)");
  }

  @Test
  void namesAreScopedPerFunctionAndGeneratedWhenAbsent() {
    StartResult a = h.service.startExecution("orders", "x", "1", null);
    StartResult b = h.service.startExecution("refunds", "x", "1", null);
    StartResult c = h.service.startExecution("orders", null, "1", null);
    StartResult d = h.service.startExecution("orders", null, "1", null);
    assertThat(java.util.List.of(a, b, c, d)).extracting(StartResult::executionId)
        .doesNotHaveDuplicates();
    assertThat(h.service.describe(c.executionArn()).executionName()).isEqualTo(c.executionId());
  }

  @Test
  void invalidNamesAndTimeoutsAreRefused() {
    assertThatThrownBy(() -> h.service.startExecution("orders", "bad name", "1", null))
        .hasMessageStartingWith("Invalid execution name 'bad name'");
    assertThatThrownBy(() -> h.service.startExecution("orders", "x".repeat(65), "1", null))
        .hasMessageStartingWith("Invalid execution name");
    assertThatThrownBy(() -> h.service.startExecution(" ", "ok", "1", null))
        .hasMessageStartingWith("Invalid function name");
    assertThatThrownBy(() -> h.service.startExecution("a/b", "ok", "1", null))
        .hasMessageStartingWith("Invalid function name");
    assertThatThrownBy(() -> h.service.startExecution("f", "ok", "1", Duration.ZERO))
        .hasMessageStartingWith("Invalid execution timeout");
    assertThatThrownBy(() -> h.service.startExecution("f", "ok", "1", Duration.ofDays(367)))
        .hasMessageStartingWith("Invalid execution timeout");
    StartResult ok = h.service.startExecution("f", "x".repeat(64), "1", Duration.ofHours(1));
    assertThat(h.service.history(ok.executionArn()).get(0).timeoutSeconds()).isEqualTo(3600);
  }

  @Test
  void unknownExecutionsAreNotFound() {
    assertThatThrownBy(() -> h.service.describe("nope"))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ServiceException.NOT_FOUND));
    assertThatThrownBy(() -> h.service.history("arn:x/durable-execution/n/nope"))
        .isInstanceOf(ServiceException.class);
    assertThatThrownBy(() -> h.service.beginInvocation("nope"))
        .hasMessage("Execution nope not found.");
  }
}
