package dev.durable.core.service;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Settings of a {@link DurableExecutionService}.
 *
 * @param defaultExecutionTimeout execution timeout when {@code startExecution} gets none; 1 s to 366
 *     days. The default is the maximum, 366 days: Lambda has no default (the function's
 *     {@code DurableConfig} must set one), and a shorter silent default would kill long approvals
 *     in the embedded runtime.
 * @param idGenerator produces execution ids; must return 1..64 characters of {@code [a-zA-Z0-9_-]}
 *     (default: a random UUID without dashes). Replace it for deterministic tests.
 * @param region region used in execution ARNs
 * @param account account id used in execution ARNs
 * @param maxItemsPerPage page size of operation lists (invocation input, checkpoint responses,
 *     {@code getState}); 1..1000
 */
public record ServiceOptions(
    Duration defaultExecutionTimeout,
    Supplier<String> idGenerator,
    String region,
    String account,
    int maxItemsPerPage) {

  /** The largest execution timeout the service accepts (31,622,400 s). */
  public static final Duration MAX_EXECUTION_TIMEOUT = Duration.ofSeconds(31_622_400);

  /** Validates every member. */
  public ServiceOptions {
    Objects.requireNonNull(defaultExecutionTimeout, "defaultExecutionTimeout");
    Objects.requireNonNull(idGenerator, "idGenerator");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    if (defaultExecutionTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || defaultExecutionTimeout.compareTo(MAX_EXECUTION_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "defaultExecutionTimeout must be between 1 second and 366 days: "
              + defaultExecutionTimeout);
    }
    if (maxItemsPerPage < 1 || maxItemsPerPage > 1000) {
      throw new IllegalArgumentException("maxItemsPerPage must be 1..1000: " + maxItemsPerPage);
    }
  }

  /** 366-day default timeout, random ids, region us-east-1, account 000000000000, 1000 per page. */
  public static ServiceOptions defaults() {
    return new ServiceOptions(MAX_EXECUTION_TIMEOUT,
        () -> UUID.randomUUID().toString().replace("-", ""), "us-east-1", "000000000000", 1000);
  }

  /** A copy with another default execution timeout. */
  public ServiceOptions withDefaultExecutionTimeout(Duration timeout) {
    return new ServiceOptions(timeout, idGenerator, region, account, maxItemsPerPage);
  }

  /** A copy with another execution-id generator. */
  public ServiceOptions withIdGenerator(Supplier<String> generator) {
    return new ServiceOptions(defaultExecutionTimeout, generator, region, account, maxItemsPerPage);
  }

  /** A copy with another region and account for the ARNs. */
  public ServiceOptions withRegionAndAccount(String newRegion, String newAccount) {
    return new ServiceOptions(defaultExecutionTimeout, idGenerator, newRegion, newAccount,
        maxItemsPerPage);
  }

  /** A copy with another page size. */
  public ServiceOptions withMaxItemsPerPage(int items) {
    return new ServiceOptions(defaultExecutionTimeout, idGenerator, region, account, items);
  }
}
