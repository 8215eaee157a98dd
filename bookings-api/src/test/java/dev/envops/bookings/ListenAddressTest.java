package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void readsTheFormsGoAccepts() {
    assertThat(ListenAddress.parse("0.0.0.0:80")).isEqualTo(new ListenAddress("0.0.0.0", 80));
    assertThat(ListenAddress.parse(":9090")).isEqualTo(new ListenAddress("0.0.0.0", 9090));
    assertThat(ListenAddress.parse("localhost:8080"))
        .isEqualTo(new ListenAddress("localhost", 8080));
    assertThat(ListenAddress.parse("[::1]:8081")).isEqualTo(new ListenAddress("::1", 8081));
  }

  @Test
  void blankMeansAllInterfacesOn8080() {
    assertThat(ListenAddress.parse(null)).isEqualTo(new ListenAddress("0.0.0.0", 8080));
    assertThat(ListenAddress.parse(" ")).isEqualTo(new ListenAddress("0.0.0.0", 8080));
  }

  @Test
  void refusesWhatIsNotHostPort() {
    assertThatThrownBy(() -> ListenAddress.parse("8080")).hasMessageContaining("LISTEN");
    assertThatThrownBy(() -> ListenAddress.parse("host:http")).hasMessageContaining("port");
    assertThatThrownBy(() -> ListenAddress.parse("host:70000")).hasMessageContaining("port");
    assertThatThrownBy(() -> ListenAddress.parse("::1:80")).hasMessageContaining("brackets");
  }
}
