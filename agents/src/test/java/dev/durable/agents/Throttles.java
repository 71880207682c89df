package dev.durable.agents;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** Builds the exceptions the AWS SDK throws, as test inputs for the retry and fallback logic. */
final class Throttles {
  private Throttles() {}

  static ThrottlingException bedrockThrottle(int retryAfterSeconds) {
    SdkHttpResponse http = SdkHttpResponse.builder().statusCode(429)
        .headers(Map.of("Retry-After", List.of(String.valueOf(retryAfterSeconds)))).build();
    return ThrottlingException.builder().statusCode(429).message("Too many requests")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Too many requests")
            .sdkHttpResponse(http).build())
        .build();
  }
}
