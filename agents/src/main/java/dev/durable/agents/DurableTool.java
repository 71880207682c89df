package dev.durable.agents;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.durable.agents.internal.StructuredOutput;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool the model may call, run as its own durable step named {@code <tool>#<callId>}. Build one
 * from langchain4j {@code @Tool} methods ({@link #fromObjects}) or from a lambda with a typed
 * argument record ({@link #of}); then mark it {@link #requiringApproval} or {@link #failingOnError}
 * as needed.
 *
 * <pre>{@code
 * record RefundArgs(String orderId, long cents) {}
 * DurableTool refund = DurableTool.of("refund", "Refunds part of an order", RefundArgs.class,
 *     (args, tool) -> payments.refund(args.orderId(), args.cents(), tool.idempotencyKey()))
 *   .requiringApproval(Duration.ofDays(1));
 * List<DurableTool> lookups = DurableTool.fromObjects(new OrderTools(db));   // @Tool methods
 * }</pre>
 */
public final class DurableTool {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

  /** The body of a lambda tool with typed arguments; the result is sent as text (non-strings as JSON). */
  @FunctionalInterface
  public interface Body<A> {
    /** Runs the tool. */
    Object run(A arguments, ToolContext tool) throws Exception;
  }

  /** The body of a tool that takes its arguments as raw JSON text. */
  @FunctionalInterface
  public interface JsonBody {
    /** Runs the tool. */
    String run(String argumentsJson, ToolContext tool) throws Exception;
  }

  private final ToolSpecification specification;
  private final JsonBody body;
  private final ToolOptions options;

  private DurableTool(ToolSpecification specification, JsonBody body, ToolOptions options) {
    this.specification = Objects.requireNonNull(specification, "specification");
    if (!NAME.matcher(specification.name()).matches()) {
      throw new IllegalArgumentException("tool name '" + specification.name() + "' must be 1..64 letters, digits,"
          + " '_' or '-' (providers reject other names)");
    }
    this.body = Objects.requireNonNull(body, "body");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A tool with typed arguments; the JSON schema the model sees is derived from {@code argumentsType}. */
  public static <A> DurableTool of(String name, String description, Class<A> argumentsType, Body<A> body) {
    Objects.requireNonNull(body, "body");
    if (!(StructuredOutput.schemaOf(argumentsType).rootElement() instanceof JsonObjectSchema parameters)) {
      throw new IllegalArgumentException("tool '" + name + "': arguments type " + argumentsType.getName()
          + " must be a record or class with fields, so that its JSON schema is an object");
    }
    ToolSpecification spec = ToolSpecification.builder().name(name).description(description)
        .parameters(parameters).build();
    return new DurableTool(spec, (json, tool) -> {
      A args;
      try {
        args = StructuredOutput.parse(json, argumentsType);
      } catch (Exception e) {
        throw new ToolArgumentsException(e);
      }
      Object out = body.run(args, tool);
      return out instanceof String s ? s : JSON.writeValueAsString(out);
    }, ToolOptions.DEFAULTS);
  }

  /** A tool with a hand-written specification taking raw JSON arguments. */
  public static DurableTool json(ToolSpecification specification, JsonBody body) {
    return new DurableTool(specification, body, ToolOptions.DEFAULTS);
  }

  /** One tool per {@link Tool @Tool} method of each object (langchain4j's own specification rules). */
  public static List<DurableTool> fromObjects(Object... objects) {
    List<DurableTool> tools = new ArrayList<>();
    for (Object object : objects) {
      for (Method method : object.getClass().getDeclaredMethods()) {
        if (!method.isAnnotationPresent(Tool.class)) {
          continue;
        }
        ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
        DefaultToolExecutor executor = DefaultToolExecutor.builder().object(object).originalMethod(method)
            .methodToInvoke(method).wrapToolArgumentsExceptions(true).propagateToolExecutionExceptions(true).build();
        tools.add(new DurableTool(spec, (json, tool) -> invoke(executor, spec.name(), json, tool), ToolOptions.DEFAULTS));
      }
    }
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("no @Tool methods found on " + List.of(objects)
          + "; annotate the methods with dev.langchain4j.agent.tool.Tool");
    }
    return List.copyOf(tools);
  }

  private static String invoke(DefaultToolExecutor executor, String name, String json, ToolContext tool)
      throws Exception {
    ToolExecutionRequest request = ToolExecutionRequest.builder().id(tool.callId()).name(name).arguments(json).build();
    try {
      return executor.execute(request, tool.idempotencyKey());
    } catch (ToolExecutionException e) {
      // the tool's own exception, so error policies and retry predicates see the real type
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The tool's name. */
  public String name() {
    return specification.name();
  }

  /** The specification the model sees. */
  public ToolSpecification specification() {
    return specification;
  }

  /** How the tool runs. */
  public ToolOptions options() {
    return options;
  }

  /** A copy with other options. */
  public DurableTool withOptions(ToolOptions newOptions) {
    return new DurableTool(specification, body, newOptions);
  }

  /** A copy that pauses for an approval of each exact call before running it. */
  public DurableTool requiringApproval(java.time.Duration timeout) {
    return withOptions(options.withApproval(timeout));
  }

  /** A copy whose exceptions fail the step (after its retries) instead of going back to the model. */
  public DurableTool failingOnError() {
    return withOptions(options.failOnError());
  }

  /**
   * Runs the body directly, with no durable step around it; agents and {@link DurableAi#tool} call it
   * inside the tool's step. Useful in unit tests of a tool.
   */
  public String execute(String argumentsJson, ToolContext tool) throws Exception {
    return tool.bind(() -> body.run(argumentsJson, tool));
  }

  @Override
  public String toString() {
    return "DurableTool[" + name() + (options.requiresApproval() ? ", approval" : "") + "]";
  }
}
