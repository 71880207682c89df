package dev.durable.local.cli;

import dev.durable.core.service.ServiceException;
import dev.durable.local.AwaitTimeoutException;
import dev.durable.local.ExecutionFailedException;
import dev.durable.local.LocalRuntime;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The {@code durable} admin CLI, reusable by any application jar: the application registers its
 * functions and hands over the arguments.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(DurableCli.run(args, rt -> rt.register("orders", new OrderWorkflow(gateway),
 *       Order.class, Receipt.class)));
 * }
 * }</pre>
 *
 * <p>Commands: {@code start}, {@code list}, {@code show}, {@code callback succeed|fail|heartbeat},
 * {@code stop}, {@code worker}, {@code demo}; {@code --help} on each. Global options {@code --store}
 * (default {@code durable.db}) and {@code --durability} may come before or after the command.
 *
 * <p>Exit codes: {@value #OK} success, {@value #ERROR} error (one line on stderr), {@value #USAGE}
 * bad usage, {@value #RUN_FAILED} the awaited run ended FAILED/TIMED_OUT/STOPPED,
 * {@value #WAIT_TIMED_OUT} the run was still running when {@code --wait} gave up.
 */
public final class DurableCli {
  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: the command failed (message on stderr). */
  public static final int ERROR = 1;
  /** Exit code: bad arguments or options. */
  public static final int USAGE = 2;
  /** Exit code: the awaited run ended without a result. */
  public static final int RUN_FAILED = 3;
  /** Exit code: {@code --wait} timed out; the run goes on. */
  public static final int WAIT_TIMED_OUT = 4;

  private DurableCli() {}

  /** Runs the CLI on the SQLite store with {@code registrations}; returns the exit code. */
  public static int run(String[] args, Consumer<LocalRuntime> registrations) {
    return run(args, registrations, null);
  }

  /** Runs the CLI with a {@code demo} command that runs {@code demo}. */
  public static int run(String[] args, Consumer<LocalRuntime> registrations, Demo demo) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    return run(args, registrations, demo, RuntimeFactory.SQLITE, out, err);
  }

  /**
   * Runs the CLI with another store factory and output streams (tests, embedding).
   *
   * @param demo what {@code demo} runs, or null if this application has none
   */
  public static int run(String[] args, Consumer<LocalRuntime> registrations, Demo demo,
      RuntimeFactory factory, PrintWriter out, PrintWriter err) {
    return run(args, registrations, demo, factory, out, err, List.of());
  }

  /**
   * Runs the CLI with the application's own commands added: each factory gets the
   * {@link CliContext} and returns a picocli {@code @Command} object. A command with the name of
   * a built-in one (e.g. {@code demo}) replaces it.
   */
  public static int run(String[] args, Consumer<LocalRuntime> registrations, Demo demo,
      RuntimeFactory factory, PrintWriter out, PrintWriter err, List<Function<CliContext, Object>> commands) {
    RootCommand root = new RootCommand(registrations == null ? rt -> { } : registrations, demo,
        factory, out, err);
    CommandLine cli = new CommandLine(root);
    for (Function<CliContext, Object> make : commands) {
      CommandLine sub = new CommandLine(make.apply(root));
      String name = sub.getCommandName();
      if (cli.getSubcommands().containsKey(name)) {
        cli.getCommandSpec().removeSubcommand(name);
      }
      cli.addSubcommand(name, sub);
    }
    cli.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          err.println("error: " + message(e));
          return exitCode(e);
        })
        .setParameterExceptionHandler((e, args2) -> {
          err.println("error: " + e.getMessage() + " (see '"
              + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
          return USAGE;
        });
    int code = cli.execute(args == null ? new String[0] : args);
    out.flush();
    err.flush();
    return code;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    if (e instanceof ServiceException se && ServiceException.ALREADY_STARTED.equals(se.code())) {
      return m + " Use another --name, or omit it for a generated one.";
    }
    return m.lines().findFirst().orElse(m);
  }

  private static int exitCode(Throwable e) {
    if (e instanceof ExecutionFailedException) {
      return RUN_FAILED;
    }
    if (e instanceof AwaitTimeoutException) {
      return WAIT_TIMED_OUT;
    }
    return ERROR;
  }
}
