package dev.durable.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of T15, standing in for the Lambda runtime: loads the handler class from the
 * deployment jar (first on its class path), constructs it (the init phase), then runs one
 * invocation with the event in a file. Uses only JDK classes itself, so every class it causes to
 * load comes from the jar. Markers on stdout split the JVM's class-load log into the two phases.
 */
public final class ColdStartLauncher {
  static final String INIT = "@@T15-INIT-DONE";
  static final String INVOKED = "@@T15-INVOKED";
  static final String OUTPUT = "@@T15-OUTPUT ";

  private ColdStartLauncher() {}

  /** {@code handlerClass eventFile}. */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class<?> type = Class.forName(args[0]);
    Object handler = type.getConstructor().newInstance();
    long init = System.nanoTime() - t0;
    System.out.println(INIT + " " + init / 1000);
    System.out.flush();
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    Class<?> context = Class.forName("com.amazonaws.services.lambda.runtime.Context");
    Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t1 = System.nanoTime();
    handle.invoke(handler, new ByteArrayInputStream(event), out, null);
    System.out.println(INVOKED + " " + (System.nanoTime() - t1) / 1000);
    System.out.println(OUTPUT + out.toString(StandardCharsets.UTF_8));
    System.out.flush();
  }
}
