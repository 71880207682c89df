package dev.durable.lambda.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.ServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routes the REST paths the AWS SDK's marshallers produce (reference §3.4) to the data and control
 * planes, and turns every failure into the service's error shape: a {@link ServiceException} keeps
 * its code and status, anything else is a 500 {@code ServiceException}.
 */
public final class RestApi implements HttpHandler {
  private static final String API = "2025-12-01";
  private static final String INVOKE_API = "2015-03-31";

  private final DataPlane data;
  private final ControlPlane control;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public RestApi(DurableExecutionService service, ExecutionStore store, Functions functions,
      Invoker invoker, Faults faults, Duration syncInvokeTimeout) {
    this.data = new DataPlane(service, faults, invoker::wakeUp);
    this.control = new ControlPlane(service, store, functions, invoker, syncInvokeTimeout);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Http h = null;
    try {
      h = new Http(exchange);
      route(h);
    } catch (ServiceException e) {
      reply(exchange, h, e);
    } catch (RuntimeException e) {
      reply(exchange, h, new ServiceException(ServiceException.SERVICE_FAULT, 500,
          "The emulator failed: " + e));
    } finally {
      exchange.close();
    }
  }

  /** Requests served so far by API name (e.g. {@code GetDurableExecutionState}), sorted. */
  public Map<String, Long> requestCounts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private void count(String api) {
    counts.computeIfAbsent(api, k -> new LongAdder()).increment();
  }

  private void route(Http h) throws IOException {
    List<String> p = h.path;
    String m = h.method;
    if (p.size() >= 3 && p.get(0).equals(API) && p.get(1).equals("durable-executions")) {
      String arn = p.get(2);
      if (p.size() == 3 && m.equals("GET")) {
        count("GetDurableExecution");
        control.get(h, arn);
        return;
      }
      if (p.size() == 4) {
        switch (m + ' ' + p.get(3)) {
          case "POST checkpoint" -> {
            count("CheckpointDurableExecution");
            data.checkpoint(h, arn);
          }
          case "GET state" -> {
            count("GetDurableExecutionState");
            data.state(h, arn);
          }
          case "GET history" -> {
            count("GetDurableExecutionHistory");
            control.history(h, arn);
          }
          case "POST stop" -> {
            count("StopDurableExecution");
            control.stop(h, arn);
          }
          default -> throw unknown(h);
        }
        return;
      }
    }
    if (p.size() == 4 && p.get(0).equals(API) && p.get(1).equals("durable-execution-callbacks")
        && m.equals("POST")) {
      count("SendDurableExecutionCallback" + capitalized(p.get(3)));
      data.callback(h, p.get(2), p.get(3));
      return;
    }
    if (p.size() == 4 && p.get(0).equals(API) && p.get(1).equals("functions")
        && p.get(3).equals("durable-executions") && m.equals("GET")) {
      count("ListDurableExecutionsByFunction");
      control.list(h, p.get(2));
      return;
    }
    if (p.size() == 4 && p.get(0).equals(INVOKE_API) && p.get(1).equals("functions")
        && p.get(3).equals("invocations") && m.equals("POST")) {
      count("Invoke");
      control.invoke(h, p.get(2));
      return;
    }
    throw unknown(h);
  }

  private static String capitalized(String verb) {
    return verb.isEmpty() ? verb : Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
  }

  private static ServiceException unknown(Http h) {
    return new ServiceException("UnknownOperationException", 404, "The emulator does not implement "
        + h.method + " /" + String.join("/", h.path) + '.');
  }

  private static void reply(HttpExchange exchange, Http h, ServiceException e) throws IOException {
    (h != null ? h : new Http(exchange)).sendError(e);
  }
}
