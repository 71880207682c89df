package dev.durable.conformance;

import java.time.Instant;
import java.util.List;

/**
 * Steers a case through time: lets the present settle, then either performs the next callback
 * action or jumps the clock to the next timer, whichever is first, until the execution ends or
 * only its own timeout is left. Time is simulated, so an hour's wait costs nothing.
 */
final class Driver {
  private static final int MAX_STEPS = 2_000;

  private Driver() {}

  static Backend.Outcome drive(Session s, List<ConformanceCase.CallbackAction> actions,
      boolean skipTime) {
    CallbackDriver callbacks = new CallbackDriver(actions);
    for (int i = 0; i < MAX_STEPS; i++) {
      s.settle();
      if (s.ended()) {
        break;
      }
      Instant now = s.now();
      CallbackDriver.Pending action = callbacks.next(s.history(), now);
      Instant timer = s.nextTimer();
      Instant timeout = s.timeoutAt();
      boolean onlyTimeoutLeft = timer == null || (timeout != null && !timer.isBefore(timeout));
      boolean actionFirst = action != null && (onlyTimeoutLeft || !action.at().isAfter(timer));
      if (actionFirst && (skipTime || !action.at().isAfter(now))) {
        if (action.at().isAfter(now)) {
          s.advanceTo(action.at());
          s.settle();
        }
        action.perform(s.sender());
        continue;
      }
      if (onlyTimeoutLeft || !skipTime) {
        break;
      }
      s.advanceTo(timer);
    }
    return s.outcome();
  }
}
