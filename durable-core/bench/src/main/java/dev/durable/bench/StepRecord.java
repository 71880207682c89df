package dev.durable.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ~1 KB payload every benchmark step returns: ids, a status, timestamps, three chat messages
 * and a metadata map, the shape of a typical agent-step result, close to the reference note's 958-byte
 * {@code StepResult}. Two timestamps only: each {@link Instant} costs Jackson about 0.7 us to parse,
 * and more of them would make the Jackson reference, and so every ratio, more lenient.
 *
 * @param executionId the execution the step belongs to
 * @param stepId the step's id
 * @param correlationId a caller-supplied correlation id
 * @param status the step's status
 * @param attempt the attempt that produced it
 * @param createdAt when the step started
 * @param completedAt when it finished
 * @param messages the conversation turns it produced
 * @param metadata free-form metadata
 * @param score a model score
 * @param tokens tokens used
 */
public record StepRecord(
    String executionId,
    String stepId,
    String correlationId,
    String status,
    int attempt,
    Instant createdAt,
    Instant completedAt,
    List<Message> messages,
    Map<String, String> metadata,
    double score,
    long tokens) {

  /**
   * One chat message.
   *
   * @param id the message id
   * @param role system, user or assistant
   * @param content the text
   * @param tokens tokens in the text
   */
  public record Message(String id, String role, String content, int tokens) {}

  /** The fixed sample instance all benchmarks use (about 1 KB of JSON). */
  public static StepRecord sample() {
    Instant t0 = Instant.parse("2026-12-04T10:15:30.123456Z");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("tenant", "acme-industries-eu-west");
    metadata.put("model", "claude-sonnet-4-5-20250929");
    metadata.put("region", "eu-west-1");
    metadata.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    metadata.put("spanId", "00f067aa0ba902b7");
    metadata.put("workflow", "order-fulfilment-v3");
    return new StepRecord(
        "exec-7f3c9a2e4b1d4e8f9a0b1c2d3e4f5a6b",
        "step-000042-validate-order",
        "corr-2a9d8e7f-6c5b-4a39-8271-605f4e3d2c1b",
        "SUCCEEDED",
        1,
        t0,
        t0.plusMillis(1_830),
        List.of(
            new Message("msg-01", "system",
                "You are an order-validation assistant. Check the order against the catalogue and the"
                    + " customer's credit limit, then answer with a short verdict.", 31),
            new Message("msg-02", "user",
                "Order o-88213: 3 x SKU-4410 (blue, size M), 1 x SKU-9921 (gift wrap); ship to"
                    + " Rotterdam, express; customer c-10442.", 38),
            new Message("msg-03", "assistant",
                "Valid: all SKUs in stock, total 184.20 EUR is within the 500.00 EUR credit limit,"
                    + " express shipping to NL is available.", 35)),
        metadata,
        0.9731,
        1_482L);
  }
}
