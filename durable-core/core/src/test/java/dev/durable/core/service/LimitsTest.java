package dev.durable.core.service;

import static dev.durable.core.service.Updates.error;
import static dev.durable.core.service.Updates.executionSucceed;
import static dev.durable.core.service.Updates.named;
import static dev.durable.core.service.Updates.stepFail;
import static dev.durable.core.service.Updates.stepStart;
import static dev.durable.core.service.Updates.stepSucceed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.OperationUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service limits of reference §2.10, enforced locally with messages that name the culprit. */
class LimitsTest {
  private final ServiceHarness h = new ServiceHarness();
  private final ServiceHarness.Invocation inv = h.startAndBegin();

  @Test
  void operationPayloadIsAtMost256KiBCountedInUtf8Bytes() {
    assertThatThrownBy(() -> inv.checkpoint(named(stepSucceed("s1", "x".repeat(262_145)),
        "load-report")))
        .isInstanceOf(ServiceException.class)
        .hasMessageStartingWith("Payload of operation 'load-report' (s1) is 262145 bytes, over"
            + " the limit of 262144 bytes");
    assertThatThrownBy(() -> inv.checkpoint(stepSucceed("s2", "\u00e9".repeat(131_073))))
        .hasMessageContaining("262146 bytes");
    inv.checkpoint(stepSucceed("s3", "x".repeat(262_144)));
  }

  @Test
  void batchIsAtMost750KB() {
    List<OperationUpdate> tooBig = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tooBig.add(stepSucceed("s" + i, "x".repeat(256_001)));
    }
    assertThatThrownBy(() -> inv.checkpoint(tooBig.toArray(OperationUpdate[]::new)))
        .hasMessageStartingWith("Checkpoint batch carries 768003 bytes of payloads and errors,"
            + " over the limit of 768000 bytes");
    List<OperationUpdate> fits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fits.add(stepSucceed("s" + i, "x".repeat(256_000)));
    }
    inv.checkpoint(fits.toArray(OperationUpdate[]::new));
  }

  @Test
  void errorIsUnder32KiBSerialized() {
    // {"ErrorType":"TestError","ErrorMessage":"…"} = 43 bytes of JSON around the message
    ErrorObject atLimit = error("m".repeat(32_768 - 43));
    assertThatThrownBy(() -> inv.checkpoint(named(stepFail("s", atLimit), "call-api")))
        .hasMessage("Error object size must be less than 32768 bytes (operation 'call-api' (s):"
            + " 32768 bytes).");
    inv.checkpoint(stepFail("s", error("m".repeat(32_767 - 43))));
  }

  @Test
  void errorSizeIsTheSizeOfTheWireJson() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    ErrorObject e = new ErrorObject("Type\"q", "line\nbreak \u00e9 \u20ac \ud83d\ude00 \u0001",
        "{\"data\":1}", List.of("at a.b(C.java:1)", "\ttab"));
    // compact UTF-8 JSON (writeValueAsBytes would escape the emoji's surrogates instead)
    assertThat(Limits.errorJsonBytes(e)).isEqualTo(
        mapper.writeValueAsString(e).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    ErrorObject minimal = ErrorObject.of(null, "m");
    assertThat(Limits.errorJsonBytes(minimal)).isEqualTo(mapper.writeValueAsBytes(minimal).length);
  }

  @Test
  void executionResultMayExceedTheOperationLimit() {
    inv.checkpoint(executionSucceed("exec1", "x".repeat(1_000_000)));
    inv.end(InvocationOutput.succeeded(""));
    assertThat(h.service.describe(inv.arn).result()).hasSize(1_000_000);
  }

  @Test
  void executionHoldsAtMost25000Operations() {
    int n = 1; // the EXECUTION operation
    while (n < 25_000) {
      List<OperationUpdate> batch = new ArrayList<>();
      for (int i = 0; i < 1000 && n < 25_000; i++, n++) {
        batch.add(stepStart("s" + n));
      }
      inv.checkpoint(batch.toArray(OperationUpdate[]::new));
    }
    assertThat(h.service.operations(inv.arn)).hasSize(25_000);
    assertThatThrownBy(() -> inv.checkpoint(named(stepStart("one-more"), "extra")))
        .hasMessage("Execution exec1 would exceed the limit of 25000 operations per execution:"
            + " it holds 25000 and this checkpoint adds 1 (first new: 'extra' (one-more)).");
    inv.checkpoint(stepSucceed("s1", "1")); // updating existing operations is still fine
  }

  @Test
  void callbackResultIsAtMost256KiB() {
    String id = inv.checkpoint(Updates.callbackStart("cb", 0, 0)).operations().get(0)
        .callbackDetails().callbackId();
    assertThatThrownBy(() -> h.service.completeCallback(id, "x".repeat(262_145)))
        .hasMessage("Callback result is 262145 bytes, over the limit of 262144 bytes.");
    h.service.completeCallback(id, "x".repeat(262_144));
  }
}
