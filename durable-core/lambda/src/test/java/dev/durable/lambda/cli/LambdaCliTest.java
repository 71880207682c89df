package dev.durable.lambda.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code durable emulator} and the {@code --aws} admin commands, run as a user would. */
class LambdaCliTest {
  private final Map<String, String> callbackIds = new ConcurrentHashMap<>();
  private final StringWriter emulatorOut = new StringWriter();
  private Thread emulatorThread;
  private String url;

  @BeforeEach
  void startEmulatorCommand() throws InterruptedException {
    DurableFunction<String, String> approval = (in, ctx) -> "approved " + ctx.waitForCallback(
        "ok", String.class, (id, s) -> callbackIds.put(in, id),
        dev.durable.core.CallbackOptions.defaults());
    Consumer<LambdaEmulator> registrations = e -> e.register("approvals", client ->
        new DurableHandler<>(approval, TypeToken.of(String.class),
            HandlerOptions.defaults().withClient(client)));
    url = startEmulator(new String[] {"emulator", "--port", "0"}, registrations, null);
  }

  /** Runs {@code durable emulator …} on a thread until the test stops it; returns its URL. */
  private String startEmulator(String[] args, Consumer<LambdaEmulator> registrations,
      java.util.function.Function<java.nio.file.Path, dev.durable.core.service.ExecutionStore> stores)
      throws InterruptedException {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    emulatorThread = new Thread(() -> LambdaCli.run(args, registrations, stores, out, out));
    emulatorThread.setDaemon(true);
    emulatorThread.start();
    Pattern p = Pattern.compile("emulator on (http://127\\.0\\.0\\.1:\\d+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Matcher m = p.matcher(text.toString());
      if (m.find()) {
        emulatorOut.write(text.toString());
        return m.group(1);
      }
      assertThat(System.nanoTime() - deadline).as(text.toString()).isNegative();
      Thread.sleep(10);
    }
  }

  @AfterEach
  void stopEmulatorCommand() throws InterruptedException {
    emulatorThread.interrupt();
    emulatorThread.join(5000);
  }

  @Test
  void listShowCallbackAndStopThroughTheSdk() throws InterruptedException {
    assertThat(emulatorOut.toString()).contains("functions [approvals]");
    try (LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(url))
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build()) {
      for (String name : new String[] {"run-a", "run-b"}) {
        lambda.invoke(b -> b.functionName("approvals:$LATEST").invocationType("Event")
            .durableExecutionName(name).payload(SdkBytes.fromUtf8String('"' + name + '"')));
      }
    }
    awaitCallbacks();

    Result list = cli("list", "--aws", "--endpoint", url, "--function", "approvals");
    assertThat(list.code).isZero();
    assertThat(list.out).contains("run-a").contains("run-b").contains("RUNNING");

    Result done = cli("callback", "succeed", callbackIds.get("run-a"), "\"by cli\"", "--aws",
        "--endpoint", url);
    assertThat(done.code).as(done.err).isZero();
    Result stop = cli("stop", "run-b", "--aws", "--endpoint", url, "--function", "approvals",
        "--reason", "not needed");
    assertThat(stop.code).as(stop.err).isZero();

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Result show;
    do {
      Thread.sleep(20);
      show = cli("show", "run-a", "--aws", "--endpoint", url, "--function", "approvals");
      assertThat(System.nanoTime() - deadline).as(show.out + show.err).isNegative();
    } while (!show.out.contains("SUCCEEDED"));
    assertThat(show.out).contains("result:   \"approved by cli\"").contains("CallbackSucceeded")
        .contains("ExecutionSucceeded");
    Result stopped = cli("list", "--aws", "--endpoint", url, "--function", "approvals",
        "--status", "STOPPED");
    assertThat(stopped.out).contains("run-b").doesNotContain("run-a");
  }

  @Test
  void adminCommandsWithoutAwsOrFunctionAreUsageErrors() {
    Result noAws = cli("list", "--function", "approvals");
    assertThat(noAws.code).isEqualTo(2);
    assertThat(noAws.err).contains("add --aws");
    Result noFunction = cli("list", "--aws", "--endpoint", url);
    assertThat(noFunction.code).isEqualTo(2);
    assertThat(noFunction.err).contains("--function NAME is required");
    Result unknown = cli("show", "nobody", "--aws", "--endpoint", url, "--function", "approvals");
    assertThat(unknown.code).isEqualTo(1);
    assertThat(unknown.err).contains("No execution named 'nobody'");
  }

  @Test
  void handlesTheEmulatorCommandAndEveryAwsCommandOnly() {
    assertThat(LambdaCli.handles(new String[] {"emulator", "--port", "0"})).isTrue();
    assertThat(LambdaCli.handles(new String[] {"list", "--function", "f", "--aws"})).isTrue();
    assertThat(LambdaCli.handles(new String[] {"list", "--function", "f"})).isFalse();
    assertThat(LambdaCli.handles(new String[] {"demo"})).isFalse();
    assertThat(LambdaCli.handles(new String[0])).isFalse();
  }

  @Test
  void emulatorWithAStoreKeepsRunsAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    stopEmulatorCommand(); // this test runs its own, on a journal file
    java.nio.file.Path db = dir.resolve("emulator.db");
    java.util.function.Function<java.nio.file.Path, dev.durable.core.service.ExecutionStore> sqlite =
        p -> dev.durable.local.store.SqliteExecutionStore.open(p, dev.durable.local.Durability.STRICT);
    Map<String, String> ids = new ConcurrentHashMap<>();
    DurableFunction<String, String> approval = (in, ctx) -> "approved " + ctx.waitForCallback(
        "ok", String.class, (id, s) -> ids.put(in, id), dev.durable.core.CallbackOptions.defaults());
    Consumer<LambdaEmulator> registrations = e -> e.register("approvals", approval, String.class);

    String first = startEmulator(new String[] {"emulator", "--port", "0", "--store", db.toString()},
        registrations, sqlite);
    assertThat(cli("list", "--aws", "--endpoint", first, "--function", "approvals").out)
        .contains("No executions");
    try (LambdaClient lambda = client(first)) {
      lambda.invoke(b -> b.functionName("approvals:$LATEST").invocationType("Event")
          .durableExecutionName("kept").payload(SdkBytes.fromUtf8String("\"kept\"")));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!ids.containsKey("kept")) {
      assertThat(System.nanoTime() - deadline).isNegative();
      Thread.sleep(10);
    }
    // the invocation may still run when the emulator stops: the restart recovers it either way
    stopEmulatorCommand();

    String second = startEmulator(new String[] {"emulator", "--port", "0", "--store", db.toString()},
        registrations, sqlite);
    Result done = cli("callback", "succeed", ids.get("kept"), "\"later\"", "--aws", "--endpoint", second);
    assertThat(done.code).as(done.err).isZero();
    Result show;
    do {
      Thread.sleep(20);
      show = cli("show", "kept", "--aws", "--endpoint", second, "--function", "approvals");
      assertThat(System.nanoTime() - deadline).as(show.out + show.err).isNegative();
    } while (!show.out.contains("SUCCEEDED"));
    assertThat(show.out).contains("\"approved later\"");
  }

  @Test
  void storeNeedsAnOpener() {
    Result r = cli("emulator", "--port", "0", "--store", "x.db");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--store is not available");
  }

  private static LambdaClient client(String endpoint) {
    return LambdaClient.builder().endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build();
  }

  private void awaitCallbacks() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (callbackIds.size() < 2) {
      assertThat(System.nanoTime() - deadline).isNegative();
      Thread.sleep(10);
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LambdaCli.run(args, null, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
