package dev.durable.examples.lambda;

import dev.durable.examples.content.ContentPipeline;
import dev.durable.examples.content.Brief;
import dev.durable.examples.content.Published;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import java.util.Map;

/**
 * The content pipeline as a durable Lambda function
 * ({@code dev.durable.examples.lambda.ContentHandler::handleRequest}); configured from the
 * environment like {@link TriageHandler} (the editor is the first of {@code APPROVERS}).
 *
 * <pre>{@code
 * aws lambda invoke --function-name durable-content:live --invocation-type Event \
 *     --cli-binary-format raw-in-base64-out --payload file://brief.json out.json
 * }</pre>
 */
public final class ContentHandler extends DurableHandler<Brief, Published> {
  /** What Lambda calls: configured from the environment. */
  public ContentHandler() {
    this(null, System.getenv());
  }

  /** With other options (null: the defaults) and an explicit environment. */
  public ContentHandler(HandlerOptions options, Map<String, String> env) {
    super(ContentPipeline.fromEnvironment(env, TriageHandler.humans(env, "content-pipeline")),
        dev.durable.core.TypeToken.of(Brief.class), options == null ? HandlerOptions.defaults() : options);
  }
}
