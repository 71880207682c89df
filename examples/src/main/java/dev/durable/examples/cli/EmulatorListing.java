package dev.durable.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The {@code emulator} line of the root {@code --help}. {@code Main} hands {@code emulator} (and
 * every {@code --aws} command) to the Lambda CLI before this CLI parses anything, so this command
 * only makes the emulator visible in the listing; reached any other way, it says where it lives.
 */
@Command(name = "emulator",
    description = "Runs the local Lambda durable-execution emulator ('emulator --help' for its options);"
        + " list, show, callback and stop take --aws to manage a deployed durable function.")
public final class EmulatorListing implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("error: 'emulator' runs from the CLI jar's main class:"
        + " java -jar examples/target/durable.jar emulator --help");
    return 2;
  }
}
