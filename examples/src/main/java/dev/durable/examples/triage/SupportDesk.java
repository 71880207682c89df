package dev.durable.examples.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The systems the triage agent works with, as in-memory stand-ins: a CRM, an order system, a
 * payment provider and a mail gateway. Refunds and mails de-duplicate by the idempotency key they
 * get (as real payment and mail APIs do), and every call is counted, so the demo and the tests can
 * show that no tool ran twice. Swap in real clients by implementing the same four methods.
 *
 * <pre>{@code
 * SupportDesk desk = SupportDesk.sample();
 * DurableFunction<Ticket, TriageResult> triage = new SupportTriage(model, approver, desk);
 * }</pre>
 */
public class SupportDesk {
  /**
   * A customer record.
   *
   * @param email the key
   * @param name full name
   * @param tier {@code standard} or {@code plus}
   * @param customerSince year
   * @param openTickets tickets still open
   */
  public record Customer(String email, String name, String tier, int customerSince, int openTickets) {}

  /**
   * An order.
   *
   * @param id order id
   * @param email the buyer
   * @param items what was bought
   * @param totalCents total in cents
   * @param status e.g. {@code lost in transit}
   * @param carrier the courier
   */
  public record Order(String id, String email, List<String> items, long totalCents, String status, String carrier) {}

  private final Map<String, Customer> customers = new LinkedHashMap<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Map<String, String> refunds = new ConcurrentHashMap<>();
  private final Map<String, String> mails = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** A desk with the sample customer and order of {@link Ticket#lostParcel()}. */
  public static SupportDesk sample() {
    SupportDesk d = new SupportDesk();
    d.customers.put("dana.whitfield@example.com",
        new Customer("dana.whitfield@example.com", "Dana Whitfield", "plus", 2019, 1));
    d.orders.put("O-88231", new Order("O-88231", "dana.whitfield@example.com",
        List.of("Aeron desk lamp", "2 x spare lamp shade"), 12_900, "lost in transit", "ParcelNow"));
    d.customers.put("sam.okafor@example.com", new Customer("sam.okafor@example.com", "Sam Okafor", "standard", 2024, 0));
    d.orders.put("O-90117", new Order("O-90117", "sam.okafor@example.com", List.of("USB-C charging cable"),
        1_900, "delivered", "ParcelNow"));
    return d;
  }

  /** Looks a customer up by email; null if unknown. */
  public Customer customer(String email) {
    calls.incrementAndGet();
    return customers.get(email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT));
  }

  /** Looks an order up; null if unknown. */
  public Order order(String id) {
    calls.incrementAndGet();
    return orders.get(id == null ? "" : id.trim());
  }

  /** Refunds {@code cents} on {@code orderId}; the same key returns the first refund's id. */
  public String refund(String orderId, long cents, String idempotencyKey) {
    calls.incrementAndGet();
    return refunds.computeIfAbsent(idempotencyKey, k -> "rf_" + orderId + "_" + cents);
  }

  /** Sends a mail; the same key returns the first send's message id and sends nothing. */
  public String sendMail(String to, String subject, String body, String idempotencyKey) {
    calls.incrementAndGet();
    return mails.computeIfAbsent(idempotencyKey, k -> "<" + Integer.toHexString((to + subject + body).hashCode())
        + "@support.example.com>");
  }

  /** How many times any of the four systems was called (tool executions). */
  public int calls() {
    return calls.get();
  }

  /** Refunds actually made (distinct idempotency keys). */
  public int refundsMade() {
    return refunds.size();
  }

  /** Mails actually sent (distinct idempotency keys). */
  public int mailsSent() {
    return mails.size();
  }
}
