package dev.durable.local.cli;

import dev.durable.core.model.ErrorObject;
import dev.durable.local.LocalRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code durable callback succeed|fail|heartbeat <callbackId> ...}. */
@Command(name = "callback", mixinStandardHelpOptions = true,
    description = "Completes, fails or heartbeats a callback a run waits for (ids: 'durable show <id>').",
    subcommands = {CallbackCommand.Succeed.class, CallbackCommand.Fail.class,
        CallbackCommand.Heartbeat.class})
final class CallbackCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(root.err);
    return DurableCli.USAGE;
  }

  /** {@code callback succeed <id> [payloadJson]}. */
  @Command(name = "succeed", mixinStandardHelpOptions = true,
      description = "Completes the callback with a JSON payload; the run resumes.")
  static final class Succeed implements Callable<Integer> {
    @ParentCommand
    CallbackCommand parent;

    @Parameters(index = "0", paramLabel = "CALLBACK_ID")
    String callbackId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON",
        description = "The result, as JSON (default: null), e.g. '\"approved\"' or '{\"ok\":true}'.")
    String payload;

    @Override
    public Integer call() {
      String json = payload == null || payload.isBlank() ? "null" : Json.requireJson(payload, "The payload");
      try (LocalRuntime rt = parent.root.open(b -> { })) {
        rt.completeCallback(callbackId, json);
      }
      parent.root.out.println("Callback completed; a worker resumes the run.");
      return DurableCli.OK;
    }
  }

  /** {@code callback fail <id> [--type T] [--message M]}. */
  @Command(name = "fail", mixinStandardHelpOptions = true,
      description = "Fails the callback; the run resumes and sees the error.")
  static final class Fail implements Callable<Integer> {
    @ParentCommand
    CallbackCommand parent;

    @Parameters(index = "0", paramLabel = "CALLBACK_ID")
    String callbackId;

    @Option(names = "--type", paramLabel = "T", defaultValue = "Callback.Rejected",
        description = "Error type (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--message", paramLabel = "M", defaultValue = "Rejected from the command line.",
        description = "Error message.")
    String message;

    @Override
    public Integer call() {
      try (LocalRuntime rt = parent.root.open(b -> { })) {
        rt.failCallback(callbackId, ErrorObject.of(type, message));
      }
      parent.root.out.println("Callback failed with " + type + "; a worker resumes the run.");
      return DurableCli.OK;
    }
  }

  /** {@code callback heartbeat <id>}. */
  @Command(name = "heartbeat", mixinStandardHelpOptions = true,
      description = "Records a heartbeat, restarting the callback's heartbeat timeout.")
  static final class Heartbeat implements Callable<Integer> {
    @ParentCommand
    CallbackCommand parent;

    @Parameters(index = "0", paramLabel = "CALLBACK_ID")
    String callbackId;

    @Override
    public Integer call() {
      try (LocalRuntime rt = parent.root.open(b -> { })) {
        rt.heartbeatCallback(callbackId);
      }
      parent.root.out.println("Heartbeat recorded.");
      return DurableCli.OK;
    }
  }
}
