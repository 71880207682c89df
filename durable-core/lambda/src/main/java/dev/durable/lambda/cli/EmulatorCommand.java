package dev.durable.lambda.cli;

import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.core.service.ExecutionStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code durable emulator [--port N]}: serves the durable-execution API until Ctrl-C. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
    description = "Runs the local Lambda durable-execution emulator with this application's"
        + " functions, on 127.0.0.1. Point the AWS SDK or CLI at it with --endpoint-url.")
final class EmulatorCommand implements Callable<Integer> {
  @ParentCommand
  LambdaRoot root;

  @Option(names = "--port", paramLabel = "N", defaultValue = "9000",
      description = "TCP port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--store", paramLabel = "PATH",
      description = "Keep the journal in this file, so runs survive a restart (default: in memory).")
  Path store;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(root.spec.commandLine(), "--port must be 0..65535, got " + port);
    }
    if (store != null && root.storeOpener == null) {
      throw new ParameterException(root.spec.commandLine(), "--store is not available in this"
          + " application: it runs the emulator in memory only.");
    }
    ExecutionStore journal = store == null ? null : root.storeOpener.apply(store);
    LambdaEmulator.Builder builder = LambdaEmulator.builder().port(port);
    if (journal != null) {
      builder.store(journal);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (journal; LambdaEmulator emulator = builder.start()) {
      root.registrations.accept(emulator);
      String url = emulator.endpoint().toString();
      root.out.println("Lambda durable-execution emulator on " + url + " with functions "
          + emulator.functions() + ".");
      String fn = emulator.functions().isEmpty() ? "NAME" : emulator.functions().get(0);
      root.out.println("Start a run:   aws lambda invoke --endpoint-url " + url
          + " --function-name " + fn + ":$LATEST --invocation-type Event"
          + " --durable-execution-name run-1 --cli-binary-format raw-in-base64-out"
          + " --payload '{...}' out.json");
      root.out.println("Inspect runs:  durable list --aws --endpoint " + url + " --function " + fn);
      root.out.println("Ctrl-C stops the emulator" + (store == null ? " (its journal is in memory)."
          : "; the journal stays in " + store + '.'));
      root.out.flush();
      Thread hook = new Thread(stopped::countDown, "durable-emulator-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down
        }
      }
    }
    return 0;
  }
}
