package dev.durable.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The deployed order function: through the emulator, and as template.yaml declares it. */
class OrderHandlerTest {

  @Test
  void orderHandlerRunsThroughTheEmulatorAsTheCliRegistersIt() {
    try (LambdaEmulator emulator = LambdaEmulator.start(0); LambdaClient lambda = emulator.newClient()) {
      dev.durable.examples.Main.registerLambda(emulator); // as `durable emulator` wires it
      String arn = lambda.invoke(b -> b.functionName("orders:$LATEST").invocationType("Event")
          .durableExecutionName("order-9").payload(SdkBytes.fromUtf8String(
              "{\"id\":\"order-9\",\"customer\":\"c-1\",\"amountCents\":990}"))).durableExecutionArn();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (emulator.service().describe(arn).status() == ExecutionStatus.RUNNING) {
        assertThat(System.nanoTime() - deadline).isNegative();
        var row = emulator.service().describe(arn);
        if (!row.invocationActive() && !row.invocationRequested()
            && emulator.operations(arn).stream().anyMatch(o -> "cool-off".equals(o.name()))) {
          emulator.advanceTime(Duration.ofMinutes(6));
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      var done = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
      assertThat(done.result()).isEqualTo(
          "{\"orderId\":\"order-9\",\"paymentId\":\"pay-order-9\",\"status\":\"COMPLETED\"}");
    }
  }

  @Test
  void templateNamesRealHandlersAndTheDurableSettings() throws Exception {
    String template = Files.readString(Path.of("template.yaml"));
    Matcher handler = Pattern.compile("Handler: ([\\w.]+)::handleRequest").matcher(template);
    assertThat(handler.find()).isTrue();
    Class<?> type = Class.forName(handler.group(1));
    assertThat(RequestStreamHandler.class).isAssignableFrom(type);
    assertThat(type.getConstructor().newInstance()).isInstanceOf(RequestStreamHandler.class);
    assertThat(template).contains("DurableConfig:", "ExecutionTimeout: !Ref ExecutionTimeoutSeconds",
        "RetentionPeriodInDays: !Ref RetentionPeriodInDays", "AutoPublishAlias: live",
        "lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState",
        "FunctionUrlConfig:", "lambda:SendDurableExecutionCallbackSuccess");
    // the permissions must name the qualified function (versions), never the bare function ARN
    assertThat(template).containsPattern("Resource: !Sub arn:\\$\\{AWS::Partition}:lambda:.*"
        + ":function:\\$\\{FunctionName}:\\*");
    assertThat(makefileJar()).isEqualTo(shadedJarName() + ".jar");
  }

  private static String makefileJar() throws IOException {
    Matcher m = Pattern.compile("JAR := .*/examples/target/([\\w.-]+)").matcher(
        Files.readString(Path.of("Makefile")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String shadedJarName() throws IOException {
    Matcher m = Pattern.compile("<id>lambda-deployment</id>[\\s\\S]*?<finalName>([\\w.-]+)</finalName>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
