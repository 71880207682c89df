package dev.durable.lambda.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Every Java snippet of {@code docs/deploy-lambda.md}, compiled and run; the docs
 * module's {@code DocSnippetsTest} fails when the page and this file drift apart.
 */
class DeployLambdaDocSnippetsTest {

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
}
