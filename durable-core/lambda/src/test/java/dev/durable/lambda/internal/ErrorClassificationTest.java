package dev.durable.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.service.ServiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** Reference §2.11: which service errors make Lambda retry the invocation, and which fail the run. */
class ErrorClassificationTest {

  @ParameterizedTest
  @CsvSource({
      "InvalidParameterValueException, 400, Invalid checkpoint token: it was already used, true",
      "InvalidParameterValueException, 400, invalid CHECKPOINT token, true",
      "InvalidParameterValueException, 400, Invalid parent operation id., false",
      "ResourceNotFoundException, 404, Execution not found., false",
      "TooManyRequestsException, 429, Rate exceeded, true",
      "ServiceException, 500, Internal error, true",
      "ServiceException, 503, Unavailable, true",
      "KMSAccessDeniedException, 502, Lambda was unable to decrypt, false",
      "KMSNotFoundException, 502, Key not found, false",
  })
  void classifiesLikeTheService(String code, int status, String message, boolean retryable) {
    LambdaException sdk = (LambdaException) LambdaException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message).build();
    ServiceException ours = LambdaDurableService.translate(sdk);
    assertThat(ours.code()).isEqualTo(code);
    assertThat(ours.httpStatus()).isEqualTo(status);
    assertThat(ours.getMessage()).isEqualTo(message);
    assertThat(ours.isRetryable()).isEqualTo(retryable);
  }
}
