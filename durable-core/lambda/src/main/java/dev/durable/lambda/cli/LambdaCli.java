package dev.durable.lambda.cli;

import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.core.service.ExecutionStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The Lambda side of the {@code durable} CLI: {@code durable emulator --port N} runs the local
 * durable-execution emulator with the application's handlers, and {@code --aws} points the admin
 * commands at AWS (or any endpoint) through the SDK:
 *
 * <pre>{@code
 * durable list --aws --function orders [--status RUNNING]
 * durable show <execution-arn | name> --aws --function orders
 * durable callback succeed <callbackId> '{"ok":true}' --aws
 * durable stop <execution-arn> --aws --reason "not needed"
 * }</pre>
 *
 * <p>An application's {@code main} hands these arguments over before its embedded-runtime CLI:
 *
 * <pre>{@code
 * if (LambdaCli.handles(args)) {
 *   System.exit(LambdaCli.run(args, emulator -> emulator.register("orders", client -> ...)));
 * }
 * }</pre>
 *
 * <p>Needs picocli on the class path (the CLI jar has it; a Lambda deployment jar does not).
 */
public final class LambdaCli {
  private LambdaCli() {}

  /** True for the arguments this CLI runs: the {@code emulator} command or any {@code --aws}. */
  public static boolean handles(String[] args) {
    return args != null && args.length > 0
        && (args[0].equals("emulator") || Arrays.asList(args).contains("--aws"));
  }

  /** Runs the command on stdout/stderr; returns the exit code (0 ok, 1 error, 2 usage). */
  public static int run(String[] args, Consumer<LambdaEmulator> registrations) {
    return run(args, registrations, null);
  }

  /**
   * Runs the command on stdout/stderr, with a way to open a journal file for
   * {@code emulator --store PATH} (e.g. {@code path -> SqliteExecutionStore.open(path,
   * Durability.STRICT)} from durable-local); null = the emulator keeps its journal in memory.
   */
  public static int run(String[] args, Consumer<LambdaEmulator> registrations,
      Function<Path, ExecutionStore> storeOpener) {
    return run(args, registrations, storeOpener,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8));
  }

  /** Runs the command with other output streams (tests, embedding). */
  public static int run(String[] args, Consumer<LambdaEmulator> registrations, PrintWriter out,
      PrintWriter err) {
    return run(args, registrations, null, out, err);
  }

  /** Runs the command with a store opener and other output streams. */
  public static int run(String[] args, Consumer<LambdaEmulator> registrations,
      Function<Path, ExecutionStore> storeOpener, PrintWriter out, PrintWriter err) {
    LambdaRoot root = new LambdaRoot(registrations == null ? e -> { } : registrations, storeOpener,
        out, err);
    CommandLine cli = new CommandLine(root);
    cli.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
          err.println("error: " + m.lines().findFirst().orElse(m));
          return 1;
        });
    int code = cli.execute(args == null ? new String[0] : args);
    out.flush();
    err.flush();
    return code;
  }
}
