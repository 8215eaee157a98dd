package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void keepsSelectorsReadableForTheMockAndDropsTheRest() {
    QueryParameters query =
        QueryParameters.parse(
            "fieldSelector=metadata.name%3Dbookings-qa&timeout=32s&watch=true"
                + "&labelSelector=app%20in%20(a%2Cb)&resourceVersion=12");

    // The mock's watch reads the raw "metadata.name=x": an encoded "=" made it match nothing.
    assertThat(query.keep(Set.of("fieldSelector", "watch", "labelSelector")))
        .isEqualTo(
            "?fieldSelector=metadata.name=bookings-qa&watch=true&labelSelector=app%20in%20(a,b)");
    assertThat(query.keep(Set.of("limit"))).isEmpty();
    assertThat(query.isTrue("watch")).isTrue();
    assertThat(query.get("resourceVersion")).isEqualTo("12");
  }
}
