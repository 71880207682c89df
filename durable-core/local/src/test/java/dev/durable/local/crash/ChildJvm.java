package dev.durable.local.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class of the test sources on the test's own class path, with its
 * stdout and stderr in a file (so that a failing generation can be read afterwards), and a real
 * {@code kill -9}.
 */
public final class ChildJvm {
  private final Process process;
  private final Path output;
  private final long startNanos = System.nanoTime();

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code java -cp <this JVM's class path> mainClass args...}, output to {@code output}. */
  public static ChildJvm start(Class<?> mainClass, Path output, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
    return new ChildJvm(p, output);
  }

  /** Milliseconds since the child was started. */
  public long ageMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** Waits until the child printed {@code line} on a line of its own; false on timeout or exit. */
  public boolean awaitLine(String line, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (printed(line)) {
        return true;
      }
      if (!process.isAlive()) {
        return printed(line);
      }
      Thread.sleep(5);
    }
    return false;
  }

  private boolean printed(String line) throws IOException {
    return Files.readAllLines(output, StandardCharsets.UTF_8).stream().anyMatch(line::equals);
  }

  /**
   * Sends SIGKILL ({@link Process#destroyForcibly()} on Linux) and proves the process is gone: it
   * exited, its exit status is 128 + 9 (killed by signal 9, unless it had already exited by itself),
   * and {@link ProcessHandle} no longer finds it alive.
   *
   * @return the exit status
   */
  public int kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child " + pid() + " still runs 10 s after SIGKILL");
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid());
    if (handle.isPresent() && handle.get().isAlive()) {
      throw new IllegalStateException("child " + pid() + " is still alive according to ProcessHandle");
    }
    return process.exitValue();
  }

  /** Waits for the child to exit by itself; returns its status, or throws on timeout (after killing it). */
  public int awaitExit(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      kill9();
      throw new IllegalStateException("child " + pid() + " did not exit within " + timeoutMillis
          + " ms; its output is in " + output);
    }
    return process.exitValue();
  }

  /** The child's output so far. */
  public String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
