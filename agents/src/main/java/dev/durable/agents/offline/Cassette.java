package dev.durable.agents.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.durable.agents.AgentException;
import dev.durable.agents.ModelResponse;
import dev.durable.agents.ToolCall;
import dev.durable.agents.internal.ModelCaller;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.EnumSet;

/**
 * Record/replay of model exchanges: record a run against a real provider once, then replay it in
 * tests with no network. Requests are matched on their full content (messages, tools, response
 * format and sampling parameters); a request that was never recorded fails loudly with
 * {@link CassetteMissException} showing a diff against the closest recorded one.
 *
 * <pre>{@code
 * // once, with credentials:
 * Cassette tape = Cassette.empty();
 * run(workflowUsing(AiModel.of("claude", tape.recording(bedrockModel))));
 * tape.save(Path.of("src/test/resources/triage.cassette.json"));
 * // in tests, offline:
 * ChatModel replay = Cassette.load(Path.of("src/test/resources/triage.cassette.json")).replaying();
 * }</pre>
 *
 * <p>The file is pretty-printed JSON meant for version control. Identical requests replay their
 * recorded answers in order (the last one repeats).
 */
public final class Cassette {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).findAndAddModules().build();

  private record Exchange(String request, ModelResponse response) {}

  private final List<Exchange> exchanges = new ArrayList<>();
  // what the recorded model supports: replay must shape requests the same way (native JSON schema or not)
  private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
  private final Map<String, Integer> replayed = new HashMap<>();

  private Cassette() {}

  /** An empty cassette, to record into. */
  public static Cassette empty() {
    return new Cassette();
  }

  /** Loads a cassette file. */
  public static Cassette load(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Cassette c = new Cassette();
      for (JsonNode name : root.path("capabilities")) {
        c.capabilities.add(Capability.valueOf(name.asText()));
      }
      for (JsonNode e : root.path("exchanges")) {
        c.exchanges.add(new Exchange(JSON.writeValueAsString(e.get("request")),
            JSON.treeToValue(e.get("response"), ModelResponse.class)));
      }
      return c;
    } catch (IOException e) {
      throw new AgentException("cannot read cassette " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the recorded exchanges to {@code file}. */
  public synchronized void save(Path file) {
    try {
      ObjectNode root = JSON.createObjectNode().put("version", 1);
      capabilities.stream().sorted().forEach(cap -> root.withArray("capabilities").add(cap.name()));
      ArrayNode list = root.putArray("exchanges");
      for (Exchange e : exchanges) {
        ObjectNode node = list.addObject();
        node.set("request", JSON.readTree(e.request()));
        node.set("response", JSON.valueToTree(e.response()));
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cassette " + file, e);
    }
  }

  /** How many exchanges are recorded. */
  public synchronized int size() {
    return exchanges.size();
  }

  /** A model that forwards to {@code real} and records every exchange. */
  public ChatModel recording(ChatModel real) {
    synchronized (this) {
      capabilities.addAll(real.supportedCapabilities());
    }
    return new ChatModel() {
      @Override
      public Set<Capability> supportedCapabilities() {
        return real.supportedCapabilities();
      }

      @Override
      public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        ChatResponse response = real.chat(request, options);
        synchronized (Cassette.this) {
          exchanges.add(new Exchange(canonical(request), ModelCaller.toResponse(response, null)));
        }
        return response;
      }

      @Override
      public ChatResponse chat(ChatRequest request) {
        return chat(request, ChatRequestOptions.EMPTY);
      }
    };
  }

  /** A model that answers from the recording and fails on anything it has not seen. */
  public ChatModel replaying() {
    Set<Capability> recorded = Set.copyOf(capabilities);
    return new ChatModel() {
      @Override
      public Set<Capability> supportedCapabilities() {
        return recorded;
      }

      @Override
      public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return replay(request);
      }

      @Override
      public ChatResponse chat(ChatRequest request) {
        return replay(request);
      }
    };
  }

  private synchronized ChatResponse replay(ChatRequest request) {
    String key = canonical(request);
    List<Exchange> matches = exchanges.stream().filter(e -> e.request().equals(key)).toList();
    if (matches.isEmpty()) {
      throw new CassetteMissException(missMessage(key));
    }
    int n = replayed.merge(key, 1, Integer::sum);
    ModelResponse r = matches.get(Math.min(n, matches.size()) - 1).response();
    List<ToolExecutionRequest> calls = r.toolCalls().stream().map(Cassette::toRequest).toList();
    AiMessage message = calls.isEmpty() ? AiMessage.from(r.text() == null ? "" : r.text())
        : r.text() == null ? AiMessage.from(calls) : AiMessage.from(r.text(), calls);
    return ChatResponse.builder().aiMessage(message).modelName(r.providerModel())
        .finishReason(r.finishReason() == null ? null : FinishReason.valueOf(r.finishReason()))
        .tokenUsage(new TokenUsage((int) r.tokens().input(), (int) r.tokens().output())).build();
  }

  private static ToolExecutionRequest toRequest(ToolCall c) {
    return ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build();
  }

  private String missMessage(String key) {
    if (exchanges.isEmpty()) {
      return "the cassette is empty; record it first. Request:\n" + key;
    }
    String closest = exchanges.get(0).request();
    int best = Integer.MAX_VALUE;
    for (Exchange e : exchanges) {
      int distance = LineDiff.changedLines(e.request(), key);
      if (distance < best) {
        best = distance;
        closest = e.request();
      }
    }
    return "the cassette has no recording of this request (" + exchanges.size() + " recorded); diff against the"
        + " closest recorded request (- recorded, + actual):\n" + LineDiff.render(closest, key)
        + "\nRe-record the cassette if the change is intended.";
  }

  /** The request as canonical JSON: what must match for a replay. */
  static String canonical(ChatRequest request) {
    try {
      ObjectNode node = JSON.createObjectNode();
      node.set("messages", JSON.readTree(ChatMessageSerializer.messagesToJson(request.messages())));
      ArrayNode tools = node.putArray("tools");
      if (request.toolSpecifications() != null) {
        for (ToolSpecification spec : request.toolSpecifications()) {
          tools.add(JSON.readTree(spec.toJson()));
        }
      }
      if (request.responseFormat() != null) {
        node.put("responseFormat", String.valueOf(request.responseFormat()));
      }
      node.put("temperature", request.temperature());
      node.put("maxOutputTokens", request.maxOutputTokens());
      return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
    } catch (IOException e) {
      throw new AgentException("cannot render the model request as JSON: " + e.getMessage(), e);
    }
  }
}
