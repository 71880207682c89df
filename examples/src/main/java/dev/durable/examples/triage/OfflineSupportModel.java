package dev.durable.examples.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.agents.ToolCall;
import dev.durable.agents.offline.ScriptedChatModel;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OFFLINE stand-in for a real model in the triage example: a {@link ScriptedChatModel} whose
 * answers are computed from the request (which prompt it is, and what the ticket and the tool
 * results say), so it gives the same plausible answer to the same request in any order, in any
 * process — after a restart too. It is not a language model; it only knows this example's prompts.
 *
 * <pre>{@code
 * AiModel offline = AiModel.of("offline-support", OfflineSupportModel.create());
 * }</pre>
 */
public final class OfflineSupportModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AMOUNT = Pattern.compile("(\\d+)[.,](\\d{2}) ?(?:USD|\\$)");
  private static final Pattern FROM = Pattern.compile("from (\\S+@\\S+?)(?: about|\\n)");
  private static final Pattern ORDER = Pattern.compile("about order (\\S+)");

  private OfflineSupportModel() {}

  /** A fresh model (its call counter starts at zero). */
  public static ScriptedChatModel create() {
    return ScriptedChatModel.builder().name("offline-scripted-support")
        .answer(OfflineSupportModel::respond).repeatLast().build();
  }

  static ChatResponse respond(ChatRequest request) {
    String system = request.messages().stream().filter(m -> m instanceof SystemMessage)
        .map(m -> ((SystemMessage) m).text()).findFirst().orElse("");
    ChatMessage last = request.messages().get(request.messages().size() - 1);
    String user = firstUser(request);
    if (system.startsWith("Classify")) {
      return text(request, classify(user));
    }
    if (system.startsWith("Investigate")) {
      return last instanceof ToolExecutionResultMessage ? text(request, notes(request)) : lookups(request, user);
    }
    if (system.startsWith("Write the reply")) {
      return text(request, reply(user));
    }
    return text(request, "I can only answer this example's prompts (offline scripted model).");
  }

  private static String classify(String ticket) {
    String t = ticket.toLowerCase(Locale.ROOT);
    Matcher m = AMOUNT.matcher(ticket);
    long cents = m.find() ? Long.parseLong(m.group(1)) * 100 + Long.parseLong(m.group(2)) : 0;
    boolean refund = t.contains("refund") || t.contains("money back");
    String category = t.matches("(?s).*(parcel|tracking|courier|arrived|delivery).*") ? "shipping"
        : t.contains("charge") || t.contains("invoice") ? "billing" : "product";
    boolean upset = t.matches("(?s).*(lost|never|broken|angry|unacceptable).*");
    String summary = category.equals("shipping") && upset
        ? "Parcel reported lost by the courier; customer asks for a " + (refund ? "refund" : "replacement") + "."
        : "Customer asks for help with an order" + (refund ? " and a refund." : ".");
    return "{\"category\":\"" + category + "\",\"priority\":\"" + (upset ? "high" : "normal")
        + "\",\"sentiment\":\"" + (upset ? "negative" : "neutral") + "\",\"refundRequested\":" + refund
        + ",\"refundCents\":" + (refund ? cents : 0) + ",\"summary\":\"" + summary + "\"}";
  }

  private static ChatResponse lookups(ChatRequest request, String ticket) {
    List<ToolCall> calls = new ArrayList<>();
    Matcher from = FROM.matcher(ticket);
    if (from.find()) {
      calls.add(new ToolCall("call_cust_1", "lookup_customer", "{\"email\":\"" + from.group(1) + "\"}"));
    }
    Matcher order = ORDER.matcher(ticket);
    if (order.find()) {
      calls.add(new ToolCall("call_order_1", "lookup_order", "{\"orderId\":\"" + order.group(1) + "\"}"));
    }
    if (calls.isEmpty()) {
      return text(request, "No customer email or order id in the ticket; nothing to look up.");
    }
    AiMessage ai = AiMessage.from(calls.stream().map(c -> ToolExecutionRequest.builder().id(c.id())
        .name(c.name()).arguments(c.arguments()).build()).toList());
    return ChatResponse.builder().aiMessage(ai).finishReason(FinishReason.TOOL_EXECUTION)
        .modelName("offline-scripted-support").tokenUsage(usage(request, 40)).build();
  }

  private static String notes(ChatRequest request) {
    StringBuilder b = new StringBuilder();
    for (ChatMessage m : request.messages()) {
      if (!(m instanceof ToolExecutionResultMessage r)) {
        continue;
      }
      JsonNode n = parse(r.text());
      if (n == null) {
        b.append("- ").append(r.toolName()).append(": ").append(r.text()).append('\n');
      } else if (r.toolName().equals("lookup_customer")) {
        b.append("- Customer: ").append(n.path("name").asText()).append(" (").append(n.path("tier").asText())
            .append(" tier, customer since ").append(n.path("customerSince").asInt()).append(", ")
            .append(n.path("openTickets").asInt()).append(" open ticket(s))\n");
      } else {
        List<String> items = new ArrayList<>();
        n.path("items").forEach(i -> items.add(i.asText()));
        long total = n.path("totalCents").asLong();
        b.append("- Order ").append(n.path("id").asText()).append(": ").append(String.join(", ", items))
            .append("; total ").append(SupportTriage.money(total)).append("; status '")
            .append(n.path("status").asText()).append("' with ").append(n.path("carrier").asText()).append('\n');
      }
    }
    return b.append("- Nothing unusual beyond the above; the requested amount matches the order total"
        + " if one was given.").toString();
  }

  private static String reply(String prompt) {
    Matcher name = Pattern.compile("Customer: (\\S+)").matcher(prompt);
    String first = name.find() ? name.group(1) : "there";
    Matcher order = ORDER.matcher(prompt);
    String orderId = order.find() ? order.group(1) : "your order";
    String outcome = prompt.substring(prompt.lastIndexOf("Refund outcome:") + "Refund outcome:".length()).trim();
    String refundLine = outcome.startsWith("refunded")
        ? "I have issued a full refund of " + outcome.replace("refunded ", "").replace(" after approval", "")
            + " to your original payment method; you should see it within 3-5 business days."
        : outcome.startsWith("NOT") ? "I could not issue the refund right away; a colleague from our billing"
            + " team will contact you within one business day with the next steps."
        : "If you would prefer a replacement instead, just reply to this email.";
    return "Hi " + first + ",\n\nI'm sorry your parcel for order " + orderId + " never arrived - the courier has"
        + " confirmed it was lost in transit. " + refundLine + "\n\nThank you for your patience, and again,"
        + " apologies for the trouble.\n\nAlex, Customer Support";
  }

  private static String firstUser(ChatRequest request) {
    return request.messages().stream().filter(m -> m instanceof UserMessage)
        .map(m -> ((UserMessage) m).singleText()).findFirst().orElse("");
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      return n != null && n.isObject() ? n : null;
    } catch (Exception e) {
      return null; // a "No customer ..." sentence, not JSON
    }
  }

  private static ChatResponse text(ChatRequest request, String text) {
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).finishReason(FinishReason.STOP)
        .modelName("offline-scripted-support").tokenUsage(usage(request, Math.max(1, text.length() / 4))).build();
  }

  private static TokenUsage usage(ChatRequest request, int out) {
    int in = request.messages().stream().mapToInt(m -> m.toString().length() / 4).sum();
    return new TokenUsage(Math.max(1, in), out);
  }
}
