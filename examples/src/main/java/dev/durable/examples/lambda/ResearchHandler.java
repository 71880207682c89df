package dev.durable.examples.lambda;

import dev.durable.examples.research.DeepResearch;
import dev.durable.examples.research.ResearchReport;
import dev.durable.lambda.DurableHandler;
import dev.durable.lambda.HandlerOptions;
import java.util.Map;

/**
 * The deep-research agent as a durable Lambda function
 * ({@code dev.durable.examples.lambda.ResearchHandler::handleRequest}); the input is the question
 * as a JSON string. Budget pauses go to the approvers configured as for {@link TriageHandler}.
 *
 * <pre>{@code
 * aws lambda invoke --function-name durable-research:live --invocation-type Event \
 *     --cli-binary-format raw-in-base64-out --payload '"Why does durable execution matter?"' out.json
 * }</pre>
 */
public final class ResearchHandler extends DurableHandler<String, ResearchReport> {
  /** What Lambda calls: configured from the environment. */
  public ResearchHandler() {
    this(null, System.getenv());
  }

  /** With other options (null: the defaults) and an explicit environment. */
  public ResearchHandler(HandlerOptions options, Map<String, String> env) {
    super(DeepResearch.fromEnvironment(env, TriageHandler.humans(env, "deep-research")),
        dev.durable.core.TypeToken.of(String.class), options == null ? HandlerOptions.defaults() : options);
  }
}
