package dev.durable.lambda.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Every Java snippet of {@code docs/deploy-lambda.md}, compiled and run; {@link
 * #theDocShowsExactlyTheseSnippets} fails when the page and this file drift apart.
 */
class DeployLambdaDocSnippetsTest {
  private static final Path DOC = Path.of("../../docs/deploy-lambda.md");
  private static final Path SELF =
      Path.of("src/test/java/dev/durable/lambda/docs/DeployLambdaDocSnippetsTest.java");

  record Greeting(String name) {}

  static final DurableFunction<Greeting, String> GREET = (in, ctx) -> {
    String hello = ctx.step("greet", String.class, s -> "hello " + in.name());
    ctx.wait("pause", Duration.ofSeconds(5));
    return ctx.step("shout", String.class, s -> hello.toUpperCase());
  };

  // snippet:handler
  public static final class GreetHandler extends DurableHandler<Greeting, String> {
    public GreetHandler() {
      super(GREET, Greeting.class);
    }
  }
  // end

  // snippet:snapStart
  public static final class PrimedGreetHandler extends DurableHandler<Greeting, String> {
    public PrimedGreetHandler() {
      // container credentials are fetched when needed, so a restored snapshot never reuses stale ones
      super(GREET, TypeToken.of(Greeting.class), HandlerOptions.defaults().withClient(
          LambdaClient.builder()
              .httpClient(UrlConnectionHttpClient.create())
              .credentialsProvider(ContainerCredentialsProvider.builder().build())
              .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
              .build()));
      prime(); // runs in the init phase, so the snapshot holds the loaded classes
    }
  }
  // end

  @Test
  void handlersConstructWithoutTheNetwork() {
    assertThat(new GreetHandler()).isNotNull();
    assertThat(new PrimedGreetHandler()).isNotNull();
  }

  @Test
  void emulator() {
    // snippet:emulator
    try (LambdaEmulator emulator = LambdaEmulator.start(0);
        LambdaClient lambda = emulator.newClient()) {
      emulator.register("greet", GREET, Greeting.class); // a DurableHandler aimed at the emulator
      String arn = lambda.invoke(b -> b.functionName("greet:$LATEST")
          .invocationType("Event").durableExecutionName("greet-ada")
          .payload(SdkBytes.fromUtf8String("{\"name\":\"ada\"}"))).durableExecutionArn();
      emulator.awaitSuspended(arn, Duration.ofSeconds(30)); // it waits 5 s holding nothing
      emulator.advanceTime(Duration.ofSeconds(5)); // skip the wait instead of sleeping
      ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(30));
      assertThat(done.result()).isEqualTo("\"HELLO ADA\"");
    }
    // end
  }

  @Test
  void theDocShowsExactlyTheseSnippets() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String self = Files.readString(SELF, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- snippet: DeployLambdaDocSnippetsTest#(\\w+) -->\\s*```java\\n(.*?)```",
        Pattern.DOTALL).matcher(doc);
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      seen.add(name);
      int start = self.indexOf("// snippet:" + name + "\n");
      assertThat(start).as("test region for snippet %s", name).isNotNegative();
      int end = self.indexOf("// end", start);
      String code = self.substring(self.indexOf('\n', start) + 1, end);
      assertThat(strip(m.group(2))).as("snippet %s in %s", name, DOC).isEqualTo(strip(code));
    }
    assertThat(seen).containsExactlyInAnyOrder("handler", "snapStart", "emulator");
  }

  private static List<String> strip(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
