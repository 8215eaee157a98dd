package dev.envops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TlsCipherPreferenceTest {

  @Test
  void offersChaCha20FirstWhenNothingIsSet() {
    Properties properties = new Properties();

    TlsCipherPreference.apply(properties);

    assertThat(properties.getProperty(TlsCipherPreference.PROPERTY))
        .startsWith("TLS_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256,");
  }

  @Test
  void keepsTheUsersOwnList() {
    Properties properties = new Properties();
    properties.setProperty(TlsCipherPreference.PROPERTY, "TLS_AES_256_GCM_SHA384");

    TlsCipherPreference.apply(properties);

    assertThat(properties.getProperty(TlsCipherPreference.PROPERTY))
        .isEqualTo("TLS_AES_256_GCM_SHA384");
  }

  @Test
  void namesOnlySuitesThisJdkSupports() throws Exception {
    // The JDK skips a name it does not know without a word: a typo would silently drop a suite.
    List<String> supported =
        List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());

    assertThat(supported).containsAll(TlsCipherPreference.ORDER);
  }
}
