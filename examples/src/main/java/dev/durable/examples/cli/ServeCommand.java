package dev.durable.examples.cli;

import dev.durable.approval.ApprovalEndpoint;
import dev.durable.approval.CallbackSink;
import dev.durable.approval.EndpointConfig;
import dev.durable.approval.SigningKey;
import dev.durable.local.LocalRuntime;
import dev.durable.local.cli.CliContext;
import dev.durable.local.cli.DurableCli;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code durable serve}: the worker that resumes runs on the store, plus the approval endpoint on
 * localhost that the examples' approval links point at. Runs until Ctrl-C (or {@code --for}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Runs the worker and the approval endpoint (http://localhost:PORT/approval/...) until Ctrl-C.",
        "The signing key must be the one the links were signed with (see 'run --help')."})
public final class ServeCommand implements Callable<Integer> {
  private final CliContext cli;
  private final Map<String, String> env;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ExampleSetup.DEFAULT_PORT,
      description = "Port of the approval endpoint on 127.0.0.1 (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--signing-key", paramLabel = "BASE64",
      description = "Signing key (at least 32 bytes, Base64; default: $" + ExampleSetup.KEY_ENV
          + ", else the file durable-approval.key).")
  String signingKey;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "4", description = "Invoker threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--for", paramLabel = "DURATION", converter = DurationOption.class,
      description = "Stop after this long instead of at Ctrl-C.")
  Duration runFor;

  /** A serve command over the CLI's store; {@code env} configures models and approval channels. */
  public ServeCommand(CliContext cli, Map<String, String> env) {
    this.cli = cli;
    this.env = env;
  }

  /** {@code APPROVAL_BASE_URL}, else {@code http://localhost:<port>}. */
  static URI baseUrl(Map<String, String> env, int port) {
    String base = env.get("APPROVAL_BASE_URL");
    return URI.create(base != null && !base.isBlank() ? base : "http://localhost:" + port);
  }

  @Override
  public Integer call() throws Exception {
    SigningKey key = ExampleSetup.signingKey(signingKey, env); // refuses a short key, naming the fix
    ExampleSetup setup = ExampleSetup.create(env, key, baseUrl(env, port), cli.out()::println);
    CountDownLatch stop = new CountDownLatch(1);
    try (LocalRuntime rt = cli.open(b -> b.workerThreads(threads), setup::register);
        ApprovalEndpoint endpoint = ApprovalEndpoint.start(new InetSocketAddress("127.0.0.1", port),
            EndpointConfig.of(key, CallbackSink.of(rt::operations, rt::completeCallback)))) {
      cli.out().println("Serving the store " + cli.store().toAbsolutePath().normalize());
      cli.out().println("  worker: " + threads + " invoker threads; functions " + rt.functions());
      cli.out().println("  approval endpoint: http://localhost:" + endpoint.port() + "/approval/<callbackId>?t=<token>"
          + " (links printed by 'run'); health: http://localhost:" + endpoint.port() + "/healthz");
      cli.out().println("  approval channels: " + setup.approvals().channels() + "; model: "
          + setup.supportModels().description());
      cli.out().println(runFor == null ? "Press Ctrl-C to stop." : "Stopping after " + runFor + ".");
      rt.startWorker();
      Thread hook = new Thread(stop::countDown, "durable-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        if (runFor == null) {
          stop.await();
        } else {
          stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
        }
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the JVM is already running the hook
        }
      }
    }
    return DurableCli.OK;
  }
}
