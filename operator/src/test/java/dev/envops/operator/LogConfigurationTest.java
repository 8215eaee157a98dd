package dev.envops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogConfigurationTest {

  @Test
  void debugLogsTheOperatorButNeverTheAwsSdksRequestDetails() {
    LoggerContext context = new LoggerContext();

    LogConfiguration.configureInCode(context, "DEBUG");

    assertThat(context.getLogger("dev.envops.operator.reconcile").isDebugEnabled()).isTrue();
    assertThat(context.getLogger("software.amazon.awssdk.request").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("io.fabric8.kubernetes.client").isDebugEnabled()).isFalse();
  }

  @Test
  void noLevelOrAWrongOneIsInfo() {
    for (String level : new String[] {null, "LOUD"}) {
      LoggerContext context = new LoggerContext();

      LogConfiguration.configureInCode(context, level);

      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }
  }

  @Test
  void aLineSaysTimeInUtcLevelThreadLoggerAndMessage() {
    LoggerContext context = new LoggerContext();
    LogConfiguration.configureInCode(context, null);
    var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var stdout = (ConsoleAppender<?>) root.getAppender("STDOUT");
    var event =
        new LoggingEvent(
            "x", context.getLogger("dev.envops.operator.Main"), Level.WARN, "hello", null, null);
    event.setThreadName("main");
    event.setTimeStamp(0);

    @SuppressWarnings("unchecked")
    byte[] line = ((ConsoleAppender<LoggingEvent>) stdout).getEncoder().encode(event);

    assertThat(new String(line, StandardCharsets.UTF_8))
        .isEqualTo("1970-01-01T00:00:00.000Z WARN  [main] dev.envops.operator.Main - hello\n");
  }

  @Test
  void josdksMdcIsOffWithTheLayoutThatPrintsNoneUnlessAskedFor() {
    assertThat(LogConfiguration.PATTERN).doesNotContain("%X").doesNotContain("%mdc");
    Properties unset = new Properties();
    LogConfiguration.withoutJosdkMdc(unset);
    assertThat(unset.getProperty(LogConfiguration.JOSDK_MDC)).isEqualTo("false");

    Properties asked = new Properties();
    asked.setProperty(LogConfiguration.JOSDK_MDC, "true");
    LogConfiguration.withoutJosdkMdc(asked);
    assertThat(asked.getProperty(LogConfiguration.JOSDK_MDC)).isEqualTo("true");
  }
}
