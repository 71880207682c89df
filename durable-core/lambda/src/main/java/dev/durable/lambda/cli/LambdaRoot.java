package dev.durable.lambda.cli;

import dev.durable.core.service.ExecutionStore;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/** Root of the Lambda commands: the shared {@code --aws}, {@code --endpoint}, {@code --region}. */
@Command(name = "durable", mixinStandardHelpOptions = true, version = "durable 0.1.0",
    description = "Runs the local Lambda emulator, or manages durable executions on AWS (--aws).",
    subcommands = {EmulatorCommand.class, AwsCommands.ListCmd.class, AwsCommands.ShowCmd.class,
        AwsCommands.CallbackCmd.class, AwsCommands.StopCmd.class})
final class LambdaRoot implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--aws", scope = ScopeType.INHERIT,
      description = "Manage executions of a deployed durable function through the AWS SDK.")
  boolean aws;

  @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Another Lambda endpoint, e.g. http://127.0.0.1:9000 for `durable emulator`.")
  URI endpoint;

  @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
      description = "AWS region (default: AWS_REGION, else us-east-1).")
  String region;

  final Consumer<LambdaEmulator> registrations;
  final Function<Path, ExecutionStore> storeOpener;
  final PrintWriter out;
  final PrintWriter err;

  LambdaRoot(Consumer<LambdaEmulator> registrations, Function<Path, ExecutionStore> storeOpener,
      PrintWriter out, PrintWriter err) {
    this.registrations = registrations;
    this.storeOpener = storeOpener;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return 2;
  }

  /**
   * A client for the admin commands: the default credential chain against AWS; an endpoint on
   * loopback (the emulator) gets placeholder credentials, since it checks none.
   */
  LambdaClient client() {
    String r = region != null ? region : System.getenv("AWS_REGION");
    LambdaClientBuilder b = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(r == null || r.isBlank() ? "us-east-1" : r));
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    if (endpoint != null && isLoopback(endpoint)) {
      b.credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create("emulator", "emulator")));
    } else {
      b.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return b.build();
  }

  private static boolean isLoopback(URI uri) {
    try {
      return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
