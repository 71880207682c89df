package dev.durable.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastInstantsTest {
  private static final ObjectMapper FAST = JacksonSerDes.defaultMapper();
  private static final ObjectMapper PLAIN = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  record Stamped(Instant at) {}

  record Formatted(@JsonFormat(pattern = "yyyy/MM/dd HH:mm", timezone = "UTC") Instant at) {}

  @Test
  void theFastPathReadsWhatInstantParseReads() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L + 1),
          random.nextInt(1_000_000_000));
      String full = t.toString(); // 0, 3, 6 or 9 fraction digits
      for (int digits = 0; digits <= 9; digits++) {
        String s = withFraction(full, digits);
        assertThat(FastInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
      }
    }
    for (String s : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z")) {
      assertThat(FastInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  void everyOtherFormIsLeftToTheStandardParser() {
    for (String s : List.of("", " 2026-01-02T03:04:05Z", "2026-01-02T03:04:05", "2026-01-02T03:04:05+01:00",
        "2026-01-02t03:04:05z", "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05.1234567891Z",
        "2026-01-02T03:04:60Z", "2026-01-02T24:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "+12026-01-02T03:04:05Z", "-2026-01-02T03:04:05Z", "2026-1-02T03:04:05Z", "2026-01-02T03:04:0xZ",
        "1700000000", "1700000000.5")) {
      assertThat(FastInstants.parse(s)).as(s).isNull();
      String json = "{\"at\":\"" + s + "\"}";
      assertThat(outcome(FAST, json)).as(json).isEqualTo(outcome(PLAIN, json));
    }
    for (String json : List.of("{\"at\":1700000000}", "{\"at\":1700000000.25}", "{\"at\":null}", "{}")) {
      assertThat(outcome(FAST, json)).as(json).isEqualTo(outcome(PLAIN, json));
    }
  }

  @Test
  void aPropertyWithItsOwnFormatKeepsIt() throws Exception {
    Formatted f = FAST.readValue("{\"at\":\"2026/01/02 03:04\"}", Formatted.class);
    assertThat(f.at()).isEqualTo(Instant.parse("2026-01-02T03:04:00Z"));
  }

  @Test
  void theDefaultMapperUsesTheFastPath() throws Exception {
    DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) FAST.getDeserializationContext())
        .createInstance(FAST.getDeserializationConfig(), null, null);
    JsonDeserializer<Object> d = ctxt.findRootValueDeserializer(FAST.constructType(Instant.class));
    assertThat(d.getClass().getEnclosingClass()).isEqualTo(FastInstants.class);
    Instant t = Instant.parse("2026-12-04T10:15:30.123456Z");
    assertThat(FAST.readValue(FAST.writeValueAsString(new Stamped(t)), Stamped.class).at()).isEqualTo(t);
  }

  /** The value read, or the exception's type: what both mappers must agree on. */
  private static Object outcome(ObjectMapper mapper, String json) {
    Throwable error = catchThrowable(() -> mapper.readValue(json, Stamped.class));
    if (error != null) {
      return error.getClass();
    }
    try {
      return mapper.readValue(json, Stamped.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String withFraction(String iso, int digits) {
    String base = iso.substring(0, 19);
    int dot = iso.indexOf('.');
    String fraction = dot < 0 ? "" : iso.substring(dot + 1, iso.length() - 1);
    fraction = (fraction + "000000000").substring(0, digits);
    return base + (digits == 0 ? "" : "." + fraction) + "Z";
  }
}
