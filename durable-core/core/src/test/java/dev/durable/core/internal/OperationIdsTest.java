package dev.durable.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationIdsTest {
  @Test
  void rootIdsAreSha256OfThePosition() {
    // sha256("1") and sha256("2"): the scheme of AWS's Java SDK, frozen because journals depend on it
    assertThat(OperationIds.id("", 1)).isEqualTo("6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b");
    assertThat(OperationIds.id("", 2)).isEqualTo("d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35");
  }

  @Test
  void childIdsHashTheParentIdAndThePosition() {
    String parent = OperationIds.id("", 1);
    assertThat(OperationIds.id(parent, 1)).isEqualTo(OperationIds.hash(parent + "-1")).hasSize(64)
        .matches("[0-9a-f]{64}");
    assertThat(OperationIds.id(parent, 1)).isNotEqualTo(OperationIds.id(parent, 2));
  }
}
