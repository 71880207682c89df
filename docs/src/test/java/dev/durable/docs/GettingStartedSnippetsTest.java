package dev.durable.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import dev.durable.core.StepOptions;
import dev.durable.core.service.StartResult;
import dev.durable.local.LocalRuntime;
import dev.durable.testing.DurableTestRunner;
import dev.durable.testing.TestResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/getting-started.md. */
class GettingStartedSnippetsTest {
  @TempDir
  Path dir;

  // snippet:function
  record Signup(String email, String plan) {}

  record Account(String id, String plan, boolean welcomed) {}

  static final class Onboarding implements DurableFunction<Signup, Account> {
    @Override
    public Account apply(Signup signup, DurableContext ctx) {
      String id = ctx.step("create-account", String.class, s -> "acct-" + signup.email().hashCode());
      ctx.step("send-welcome", Boolean.class, s -> true, StepOptions.atMostOncePerRetry());
      ctx.wait("trial", Duration.ofDays(14));          // no thread, no memory while it waits
      String plan = ctx.step("convert", String.class, s -> signup.plan());
      return new Account(id, plan, true);
    }
  }
  // end

  @Test
  void testIt() {
    // snippet:test
    var runner = DurableTestRunner.create(new Onboarding(), Signup.class, Account.class);
    TestResult<Account> result = runner.runUntilComplete(new Signup("ada@example.com", "pro"));
    assertThat(result.result().plan()).isEqualTo("pro");
    assertThat(result.invocations()).isEqualTo(2);     // one before the 14-day wait, one after
    // end
  }

  @Test
  void runIt() {
    Path storeFile = dir.resolve("durable.db");
    DurableFunction<Signup, Account> onboarding = (signup, ctx) -> {
      ctx.wait("trial", Duration.ofSeconds(1));
      return new Account("acct-1", signup.plan(), true);
    };
    // snippet:run
    try (LocalRuntime rt = LocalRuntime.builder().storePath(storeFile).build()) {
      rt.register("onboarding", onboarding, Signup.class, Account.class);
      rt.startWorker();                                 // resumes runs whose wait ended
      StartResult run = rt.start("onboarding", "signup-ada", new Signup("ada@example.com", "pro"));
      Account account = rt.await(run.executionArn(), Account.class, Duration.ofSeconds(30));
      System.out.println(account);
    }
    // end
  }
}
