package dev.durable.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.durable.core.DurableExecutor;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.DurableService;
import dev.durable.core.service.ServiceException;
import dev.durable.lambda.internal.Envelopes;
import dev.durable.lambda.internal.LambdaDurableService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Runs a durable function as an AWS Lambda durable function: a {@code RequestStreamHandler} that
 * reads the durable-execution event, replays and runs the function over
 * {@code CheckpointDurableExecution}, and answers {@code {Status, Result | Error}}.
 *
 * <p>Subclass it with a no-argument constructor and name the subclass as the Lambda handler:
 *
 * <pre>{@code
 * public final class OrderHandler extends DurableHandler<Order, Receipt> {
 *   public OrderHandler() {
 *     super(new OrderWorkflow(new StripeGateway()), Order.class);
 *   }
 * }
 * // template.yaml: Handler: com.example.OrderHandler::handleRequest
 * }</pre>
 *
 * <p>Per invocation it parses the event (PascalCase, timestamps as epoch milliseconds), pages the
 * rest of the state with {@code GetDurableExecutionState} before reading the input, and runs the
 * engine, which batches updates (at most 750 KB and 200 per call), rotates the checkpoint token and
 * stores a result over 6 MB with an {@code EXECUTION} checkpoint. Errors follow reference §2.11: a
 * stale token, throttling or a 5xx is thrown (Lambda retries the invocation); other 4xx and KMS
 * errors end the execution FAILED. A malformed event throws {@link LambdaEnvelopeException} before
 * anything is checkpointed.
 *
 * <p><b>Cold start.</b> The client is built in the constructor, on {@code UrlConnectionHttpClient}
 * with environment credentials and {@code AWS_REGION}. With SnapStart, call {@link #prime()} from a
 * CRaC {@code beforeCheckpoint} hook so the snapshot holds the loaded classes; see
 * {@code docs/deploy-lambda.md}.
 *
 * @param <I> the function's input type
 * @param <O> the function's result type
 */
public class DurableHandler<I, O> implements RequestStreamHandler {
  private static final int STATE_PAGE_SIZE = 1000;

  private final DurableFunction<I, O> function;
  private final TypeToken<I> inputType;
  private final DurableService service;
  private final ExecutorOptions executorOptions;

  /** A handler with the default client and engine settings. */
  public DurableHandler(DurableFunction<I, O> function, Class<I> inputType) {
    this(function, TypeToken.of(Objects.requireNonNull(inputType,
        "inputType: pass the input class, e.g. Order.class")), HandlerOptions.defaults());
  }

  /** A handler with a generic input type and explicit options. */
  public DurableHandler(DurableFunction<I, O> function, TypeToken<I> inputType,
      HandlerOptions options) {
    this.function = Objects.requireNonNull(function, "function: pass the durable function to run");
    this.inputType = Objects.requireNonNull(inputType, "inputType: pass the input type");
    Objects.requireNonNull(options, "options: pass HandlerOptions.defaults()");
    LambdaClient client = options.client() == null ? defaultClient() : options.client();
    this.service = new LambdaDurableService(client);
    this.executorOptions = options.executorOptions();
  }

  /**
   * The client a handler uses unless told otherwise: the URL-connection HTTP client (the smallest
   * and quickest to start), credentials from the environment Lambda sets, region from
   * {@code AWS_REGION} (us-east-1 if unset). {@code AWS_ENDPOINT_URL_LAMBDA} overrides the endpoint.
   */
  public static LambdaClient defaultClient() {
    String region = System.getenv("AWS_REGION");
    return LambdaClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
        .build();
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    output.write(Envelopes.writeOutput(handle(event)));
    output.flush();
  }

  /**
   * Runs one invocation for the raw event and returns the answer. Throws
   * {@link LambdaEnvelopeException} for a malformed event and rethrows retryable service errors.
   */
  public final InvocationOutput handle(byte[] event) {
    InvocationInput first = Envelopes.readInput(event);
    List<Operation> all;
    try {
      all = fetchRest(first);
    } catch (ServiceException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return InvocationOutput.failed(ErrorObject.of(e.code(), e.getMessage()));
    }
    requireExecutionOperation(first, all);
    InvocationInput full = new InvocationInput(first.executionArn(), first.checkpointToken(), all,
        null, first.updatedOperationIds());
    return DurableExecutor.invoke(function, inputType, full, service, executorOptions);
  }

  /**
   * Loads the classes of the invocation path without touching the network: parses a sample event
   * and writes a sample answer. Call it from a SnapStart {@code beforeCheckpoint} hook (or the
   * constructor) so restored snapshots start warm.
   */
  public void prime() {
    String sample = "{\"DurableExecutionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:f:1"
        + "/durable-execution/prime/prime\",\"CheckpointToken\":\"cHJpbWU=\",\"InitialExecutionState\":"
        + "{\"Operations\":[{\"Id\":\"prime\",\"Type\":\"EXECUTION\",\"Status\":\"STARTED\","
        + "\"StartTimestamp\":1767225600000,\"ExecutionDetails\":{\"InputPayload\":\"{}\"}}]}}";
    InvocationInput in = Envelopes.readInput(sample.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Envelopes.writeOutput(InvocationOutput.succeeded(in.operations().get(0).id()));
    executorOptions.serDes().serialize(in.operations().get(0));
  }

  private List<Operation> fetchRest(InvocationInput first) {
    if (first.nextMarker() == null) {
      return first.operations();
    }
    List<Operation> all = new ArrayList<>(first.operations());
    String marker = first.nextMarker();
    while (marker != null) {
      DurableService.StatePage page = service.getState(first.executionArn(),
          first.checkpointToken(), marker, STATE_PAGE_SIZE);
      all.addAll(page.operations());
      marker = page.nextMarker();
    }
    return all;
  }

  private static void requireExecutionOperation(InvocationInput first, List<Operation> all) {
    String arn = first.executionArn();
    String executionId = arn.substring(arn.lastIndexOf('/') + 1);
    for (Operation op : all) {
      if (op.type() == OperationType.EXECUTION && op.id().equals(executionId)) {
        return;
      }
    }
    throw new LambdaEnvelopeException("The execution state of " + arn + " has no EXECUTION"
        + " operation with Id '" + executionId + "' (the ARN's last segment)"
        + (first.nextMarker() == null ? " in InitialExecutionState.Operations" : " in any page")
        + "; the input cannot be read. The service always sends it first.");
  }
}
