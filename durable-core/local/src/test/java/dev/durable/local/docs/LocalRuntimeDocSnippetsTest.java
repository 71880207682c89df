package dev.durable.local.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableFunction;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.StartResult;
import dev.durable.local.Durability;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.DurableCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of {@code docs/local-runtime.md}, run. The code between {@code // snippet:<name>}
 * and {@code // end} is what the doc shows under {@code <!-- snippet: LocalRuntimeDocSnippetsTest#<name> -->};
 * the docs module's {@code DocSnippetsTest} fails when the two drift apart.
 */
class LocalRuntimeDocSnippetsTest {

  @TempDir
  Path dir;

  @Test
  void startAndAwait() throws Exception {
    Path storeFile = dir.resolve("durable.db");
    // snippet:startAndAwait
    DurableFunction<String, String> greet = (name, ctx) -> {
      String hello = ctx.step("greet", String.class, s -> "hello " + name);
      ctx.wait("pause", Duration.ofSeconds(1)); // the run holds no thread while it waits
      return ctx.step("shout", String.class, s -> hello.toUpperCase(Locale.ROOT));
    };
    try (LocalRuntime rt = LocalRuntime.builder().storePath(storeFile).build()) {
      rt.register("greet", greet, String.class, String.class);
      rt.startWorker();
      StartResult run = rt.start("greet", "greet-ada", "ada"); // same name + same input: same run
      String result = rt.await(run.executionArn(), String.class, Duration.ofSeconds(30));
      System.out.println(result); // HELLO ADA
    }
    // end
    try (LocalRuntime rt = LocalRuntime.builder().storePath(storeFile).build()) {
      assertThat(rt.list(ExecutionQuery.all())).singleElement().extracting(r -> r.result()).isEqualTo("\"HELLO ADA\"");
    }
  }

  @Test
  void callbackFromOutside() throws Exception {
    Path storeFile = dir.resolve("durable.db");
    BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    // snippet:callbackFromOutside
    DurableFunction<String, String> approval = (doc, ctx) -> ctx.waitForCallback("approve", String.class,
        (callbackId, s) -> outbox.put(callbackId), // e.g. mail a link that carries the id
        CallbackOptions.timeout(Duration.ofDays(2)));
    try (LocalRuntime rt = LocalRuntime.builder().storePath(storeFile).build()) {
      rt.register("approval", approval, String.class, String.class);
      rt.startWorker();
      StartResult run = rt.start("approval", "contract-7", "contract 7");
      String callbackId = outbox.take(); // the run suspends: no thread, nothing in memory
      rt.completeCallback(callbackId, "\"approved\"");
      String verdict = rt.await(run.executionArn(), String.class, Duration.ofSeconds(30)); // approved
    }
    // end
    try (LocalRuntime rt = LocalRuntime.builder().storePath(storeFile).build()) {
      assertThat(rt.list(ExecutionQuery.all())).singleElement().extracting(r -> r.result()).isEqualTo("\"approved\"");
    }
  }

  @Test
  void secondProcess() throws Exception {
    Path storeFile = dir.resolve("durable.db");
    BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    DurableFunction<String, String> approval = (doc, ctx) -> ctx.waitForCallback("approve", String.class,
        (callbackId, s) -> outbox.put(callbackId), CallbackOptions.timeout(Duration.ofDays(2)));
    try (LocalRuntime worker = LocalRuntime.builder().storePath(storeFile).build()) {
      worker.register("approval", approval, String.class, String.class);
      worker.startWorker();
      String runId = worker.start("approval", "contract-8", "contract 8").executionArn();
      String callbackId = outbox.poll(30, TimeUnit.SECONDS);
      // snippet:secondProcess
      // another process (here: another runtime on the same file, without a worker)
      try (LocalRuntime admin = LocalRuntime.builder().storePath(storeFile).build()) {
        admin.completeCallback(callbackId, "\"approved\"");
      }
      // the worker's next poll (every 100 ms by default) finds the completed callback and resumes the run
      // end
      assertThat(worker.await(runId, String.class, Duration.ofSeconds(5))).isEqualTo("approved");
    }
  }

  @Test
  void relaxed() {
    Path storeFile = dir.resolve("fast.db");
    // snippet:relaxed
    LocalRuntime rt = LocalRuntime.builder()
        .storePath(storeFile)
        .durability(Durability.RELAXED) // survives kill -9; a power loss may drop the last commits
        .workerThreads(8)
        .pollInterval(Duration.ofMillis(50))
        .workerId("host-1")
        .build();
    // end
    rt.close();
  }

  @Test
  void cliReusedByAnApplication() {
    Path storeFile = dir.resolve("durable.db");
    DurableFunction<String, String> greet = (name, ctx) -> ctx.step("greet", String.class, s -> "hello " + name);
    // snippet:cli
    int exit = DurableCli.run(new String[] {"--store", storeFile.toString(), "start", "greet", "--name", "g-1",
        "--input", "\"ada\"", "--wait", "30s"}, rt -> rt.register("greet", greet, String.class, String.class));
    // end
    assertThat(exit).isEqualTo(DurableCli.OK);
  }
}
