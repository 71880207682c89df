package dev.durable.examples.triage;

/**
 * A support ticket as it arrives from the help desk.
 *
 * @param id the ticket id, e.g. {@code T-1042}
 * @param customerEmail who wrote
 * @param orderId the order the ticket is about, or null
 * @param subject the subject line
 * @param body what the customer wrote
 */
public record Ticket(String id, String customerEmail, String orderId, String subject, String body) {
  /** The ticket as the models see it. */
  public String asPrompt() {
    return "Ticket " + id + " from " + customerEmail + (orderId == null ? "" : " about order " + orderId)
        + "\nSubject: " + subject + "\n\n" + body;
  }

  /** The ticket the demo and the tests use: a lost parcel with a 129.00 USD refund request. */
  public static Ticket lostParcel() {
    return new Ticket("T-1042", "dana.whitfield@example.com", "O-88231", "Parcel never arrived",
        "Hi, I ordered the Aeron desk lamp and the two spare shades three weeks ago (order O-88231)."
            + " Tracking has said \"in transit\" for 12 days and the courier says the parcel is lost."
            + " I would like a refund of the full 129.00 USD, please. Thanks, Dana");
  }
}
