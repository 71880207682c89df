package dev.durable.bench;

import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.InvocationStatus;
import dev.durable.core.service.StartResult;
import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.lambda.internal.Envelopes;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * T15: the Lambda deployment jar's cold start. Checks the jar carries nothing it must not (SQLite
 * natives, picocli, the embedded runtime, the test kit, the emulator, the SDK's apache/netty
 * clients), then starts a fresh JVM that loads the handler from the jar, constructs it and runs one
 * invocation against the emulator, logging every class load. Counts our own classes
 * ({@code dev.durable.*}, Jackson and the AWS SDK excluded) loaded by the constructor: the init
 * path. Ratio = that count / 300.
 *
 * <p>The jar comes from {@code -Ddurable.bench.lambdaJar} (default
 * {@code examples/target/durable-functions.jar}, relative to the working directory); the handler
 * class from {@code -Ddurable.bench.lambdaHandler}.
 */
final class LambdaColdStartBench {
  static final double TARGET = 1.0;
  static final int MAX_OWN_CLASSES = 300;
  private static final List<String> FORBIDDEN = List.of("org/sqlite/", "picocli/", "dev/durable/local/",
      "dev/durable/testing/", "dev/durable/lambda/emulator/", "dev/durable/lambda/cli/", "io/netty/",
      "org/apache/hc/", "org/apache/http/", "software/amazon/awssdk/http/apache",
      "software/amazon/awssdk/http/nio/");

  private final BenchConfig config;
  private final Progress progress;
  private final Path jar;
  private final String handler;

  LambdaColdStartBench(BenchConfig config, Progress progress) {
    this(config, progress, Path.of(System.getProperty("durable.bench.lambdaJar",
        "examples/target/durable-functions.jar")),
        System.getProperty("durable.bench.lambdaHandler", "dev.durable.examples.lambda.OrderHandler"));
  }

  LambdaColdStartBench(BenchConfig config, Progress progress, Path jar, String handler) {
    this.config = config;
    this.progress = progress;
    this.jar = jar.toAbsolutePath().normalize();
    this.handler = handler;
  }

  Row run() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("deployment jar " + jar + " not found: build it first with"
          + " `mvn -B -q package -DskipTests -pl examples -am` from the repository root, or pass"
          + " -Ddurable.bench.lambdaJar=PATH");
    }
    long size = Files.size(jar);
    int ownInJar = scanJar();
    try (LambdaEmulator emulator = LambdaEmulator.start(0)) {
      progress.phase("child JVM cold start of " + handler);
      StartResult run = emulator.service().startExecution("orders", "t15",
          "{\"id\":\"t15\",\"customer\":\"c-1\",\"amountCents\":4200}", null);
      InvocationInput input = emulator.service().beginInvocation(run.executionArn());
      Path event = Files.createTempFile("t15-event", ".json");
      try {
        Files.write(event, Envelopes.writeInput(input));
        Child child = launch(event, emulator);
        InvocationOutput output = Envelopes.readOutput(child.output.getBytes(StandardCharsets.UTF_8));
        emulator.service().endInvocation(run.executionArn(), input.checkpointToken(), output);
        if (output.status() == InvocationStatus.FAILED) {
          throw new IllegalStateException("the handler answered FAILED: " + output.error());
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jar", String.format(Locale.ROOT, "%.1fMB", size / 1024.0 / 1024.0));
        m.put("own-init", Integer.toString(child.ownInit));
        m.put("own-first-invoke", Integer.toString(child.ownInvoke));
        m.put("own-in-jar", Integer.toString(ownInJar));
        m.put("all-init", Integer.toString(child.allInit));
        m.put("all-first-invoke", Integer.toString(child.allInvoke));
        m.put("init", String.format(Locale.ROOT, "%.0fms", child.initMicros / 1000.0));
        m.put("first-invoke", String.format(Locale.ROOT, "%.0fms", child.invokeMicros / 1000.0));
        m.put("status", output.status().name());
        return new Row("T15", "cold-start", child.ownInit / (double) MAX_OWN_CLASSES, TARGET, m);
      } finally {
        Files.deleteIfExists(event);
      }
    }
  }

  /** Counts our classes in the jar and refuses the jar if it carries a forbidden entry. */
  private int scanJar() throws IOException {
    int own = 0;
    List<String> forbidden = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String name = e.getName();
        if (name.startsWith("dev/durable/") && name.endsWith(".class")) {
          own++;
        }
        for (String f : FORBIDDEN) {
          if (name.startsWith(f) && forbidden.size() < 5) {
            forbidden.add(name);
          }
        }
      }
    }
    if (!forbidden.isEmpty()) {
      throw new IllegalStateException("the deployment jar carries what it must not: " + forbidden);
    }
    return own;
  }

  private record Child(int ownInit, int allInit, int ownInvoke, int allInvoke, long initMicros,
      long invokeMicros, String output) {}

  private Child launch(Path event, LambdaEmulator emulator) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String launcherPath = Path.of(ColdStartLauncher.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xlog:class+load=info:stdout", "-cp",
        jar + File.pathSeparator + launcherPath, ColdStartLauncher.class.getName(), handler,
        event.toString());
    pb.environment().put("AWS_ENDPOINT_URL_LAMBDA", emulator.endpoint().toString());
    pb.environment().put("AWS_ACCESS_KEY_ID", "bench");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    int[] counts = new int[4];
    long init = -1;
    long invoke = -1;
    String output = null;
    List<String> tail = new ArrayList<>();
    String jarName = jar.getFileName().toString();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int phase = 0;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith(ColdStartLauncher.INIT)) {
          init = Long.parseLong(line.substring(ColdStartLauncher.INIT.length()).trim());
          phase = 1;
        } else if (line.startsWith(ColdStartLauncher.INVOKED)) {
          invoke = Long.parseLong(line.substring(ColdStartLauncher.INVOKED.length()).trim());
          phase = 2;
        } else if (line.startsWith(ColdStartLauncher.OUTPUT)) {
          output = line.substring(ColdStartLauncher.OUTPUT.length());
        } else if (line.contains("source: ") && line.contains(jarName) && phase < 2) {
          counts[phase * 2 + 1]++;
          if (line.contains(" dev.durable.")) {
            counts[phase * 2]++;
          }
        } else if (!line.contains("[class,load]")) {
          tail.add(line);
        }
      }
    }
    if (!p.waitFor(config.timeoutSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0 || output == null) {
      p.destroyForcibly();
      throw new IllegalStateException("the child JVM failed: " + String.join(" | ",
          tail.subList(Math.max(0, tail.size() - 8), tail.size())));
    }
    return new Child(counts[0], counts[1], counts[0] + counts[2], counts[1] + counts[3], init, invoke,
        output);
  }
}
