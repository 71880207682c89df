package dev.durable.examples.triage;

import dev.durable.agents.Agent;
import dev.durable.agents.AgentResult;
import dev.durable.agents.Approver;
import dev.durable.agents.DurableAi;
import dev.durable.agents.DurableTool;
import dev.durable.agents.Llm;
import dev.durable.agents.ToolContext;
import dev.durable.agents.ToolResult;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFunction;
import java.time.Duration;
import java.util.Locale;

/**
 * The support-triage agent: classify a ticket (structured output), let an agent look up the
 * customer and the order with tools, refund when asked (a refund above the threshold waits for a
 * human approval over Slack or email, holding no thread), draft the reply, and send it through a
 * tool that passes its idempotency key to the mail gateway.
 *
 * <pre>{@code
 * Approver humans = HumanApprover.of(ApprovalOptions.of(links, new SlackNotifier(slack)), "U024BE7LH");
 * var triage = new SupportTriage(Llm.of(model), humans, SupportDesk.sample());
 * runtime.register("support-triage", triage, Ticket.class, TriageResult.class);
 * }</pre>
 *
 * <p>Journal: {@code classify} (model), {@code investigate} (agent: turns with the
 * {@code lookup_customer#…} and {@code lookup_order#…} tool steps), {@code issue_refund#refund}
 * (after {@code approve-issue_refund#refund} when above the threshold), {@code draft} (model),
 * {@code send_reply#send}.
 */
public final class SupportTriage implements DurableFunction<Ticket, TriageResult> {
  /** Refunds above this many cents need a human (50.00 USD). */
  public static final long DEFAULT_APPROVAL_THRESHOLD_CENTS = 5_000;
  /** How long an approver has. */
  public static final Duration APPROVAL_TIMEOUT = Duration.ofHours(24);

  static final String CLASSIFY = "Classify this customer-support ticket for routing. Decide the category"
      + " (shipping, billing, product, account or other), the priority (low, normal or high), the"
      + " sentiment, whether the customer asks for a refund and how much (in cents).";
  static final String INVESTIGATE = "Investigate the ticket before anyone replies: look up the customer"
      + " and the order with the tools, then write short case notes for the support agent (customer,"
      + " tier, order contents, order status, anything unusual). Do not write to the customer.";
  static final String DRAFT = "Write the reply to the customer as their support agent: warm, concrete,"
      + " at most 120 words, signed 'Alex, Customer Support'. State the refund outcome exactly as given;"
      + " never promise anything the notes do not support.";

  /** Arguments of {@code lookup_customer}. @param email the customer's email */
  public record CustomerQuery(String email) {}

  /** Arguments of {@code lookup_order}. @param orderId the order id */
  public record OrderQuery(String orderId) {}

  /**
   * Arguments of {@code issue_refund}.
   *
   * @param orderId the order
   * @param cents the amount
   * @param reason why, for the payment record
   */
  public record Refund(String orderId, long cents, String reason) {}

  /**
   * Arguments of {@code send_reply}.
   *
   * @param to the customer
   * @param subject the subject line
   * @param body the text
   */
  public record Reply(String to, String subject, String body) {}

  private final Llm llm;
  private final Approver approver;
  private final long thresholdCents;
  private final Agent investigator;
  private final DurableTool refund;
  private final DurableTool send;

  /** A triage agent with the default 50.00 USD approval threshold. */
  public SupportTriage(Llm llm, Approver approver, SupportDesk desk) {
    this(llm, approver, desk, DEFAULT_APPROVAL_THRESHOLD_CENTS);
  }

  /** A triage agent; refunds above {@code thresholdCents} wait for {@code approver}. */
  public SupportTriage(Llm llm, Approver approver, SupportDesk desk, long thresholdCents) {
    this.llm = llm;
    this.approver = approver;
    this.thresholdCents = thresholdCents;
    DurableTool customer = DurableTool.of("lookup_customer", "Finds a customer by email address",
        CustomerQuery.class, (q, tc) -> {
          var c = desk.customer(q.email());
          return c == null ? "No customer with email " + q.email() : c;
        });
    DurableTool order = DurableTool.of("lookup_order", "Finds an order by id", OrderQuery.class, (q, tc) -> {
      var o = desk.order(q.orderId());
      return o == null ? "No order " + q.orderId() : o;
    });
    this.investigator = Agent.builder().model(llm.models().get(0))
        .fallback(llm.models().subList(1, llm.models().size()).toArray(dev.durable.agents.AiModel[]::new))
        .system(INVESTIGATE).tools(customer, order).maxTurns(6).approver(approver).build();
    this.refund = DurableTool.of("issue_refund", "Refunds part or all of an order", Refund.class,
        (r, tc) -> "refund " + desk.refund(r.orderId(), r.cents(), tc.idempotencyKey()) + " of " + r.cents() + " cents");
    this.send = DurableTool.of("send_reply", "Sends the reply to the customer", Reply.class,
        (r, tc) -> desk.sendMail(r.to(), r.subject(), r.body(), ToolContext.current().idempotencyKey()))
        .failingOnError();
  }

  @Override
  public TriageResult apply(Ticket ticket, DurableContext ctx) {
    DurableAi ai = DurableAi.in(ctx).withApprover(approver);
    Classification c = ai.llm("classify").use(llm).system(CLASSIFY).user(ticket.asPrompt())
        .call(Classification.class);

    AgentResult notes = ai.agent("investigate", investigator, ticket.asPrompt());

    String refundOutcome = "none requested";
    if (c.refundRequested() && c.refundCents() > 0 && ticket.orderId() != null) {
      // the amount decides the path; it comes from a journaled answer, so replay takes the same one
      boolean needsHuman = c.refundCents() > thresholdCents;
      ToolResult r = ai.tool("refund", needsHuman ? refund.requiringApproval(APPROVAL_TIMEOUT) : refund,
          new Refund(ticket.orderId(), c.refundCents(), c.summary()));
      refundOutcome = r.error()
          ? "NOT refunded: " + r.text().replaceFirst("^The call was not made: it was ", "")
              .replaceAll("\\.?\\s*Do not call it again.*", "")
          : "refunded " + money(c.refundCents()) + (needsHuman ? " after approval" : "");
    }

    String reply = ai.llm("draft").use(llm).system(DRAFT).user("Ticket:\n" + ticket.asPrompt()
        + "\n\nCase notes:\n" + notes.text() + "\n\nRefund outcome: " + refundOutcome).text();
    ToolResult sent = ai.tool("send", send, new Reply(ticket.customerEmail(), "Re: " + ticket.subject(), reply));
    return new TriageResult(ticket.id(), c.category(), refundOutcome, reply, sent.text());
  }

  /** {@code 12900} as {@code 129.00 USD}. */
  public static String money(long cents) {
    return String.format(Locale.ROOT, "%d.%02d USD", cents / 100, cents % 100);
  }
}
