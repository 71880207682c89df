package dev.durable.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A serialized error as the service stores it: type, message, optional data and stack trace.
 *
 * @param errorType the error's type, by convention the exception's class name
 * @param errorMessage the human-readable message
 * @param errorData optional serialized error data
 * @param stackTrace optional frames, one string each
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorObject(
    String errorType, String errorMessage, String errorData, List<String> stackTrace) {

  /** An error with only a type and a message. */
  public static ErrorObject of(String errorType, String errorMessage) {
    return new ErrorObject(errorType, errorMessage, null, null);
  }
}
