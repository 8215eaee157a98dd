package dev.envops.operator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;

/**
 * The operator's logging, set up in code: one line per event on stdout, at {@code ENVOPS_LOG_LEVEL}
 * (INFO by default). Logback's XML configuration loads about 600 classes of its own and of the
 * JDK's XML parser, metaspace the operator keeps for its whole life; an XML file given with {@code
 * -Dlogback.configurationFile} or on the classpath still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {

  /** The layout of a line: time in UTC, level, thread, logger and message. */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} - %msg%n";

  /**
   * Kept at INFO whatever the root level: the AWS SDK logs request details at DEBUG, and no payload
   * may ever be logged.
   */
  static final List<String> AT_INFO =
      List.of("software.amazon.awssdk", "io.javaoperatorsdk", "io.fabric8");

  /** JOSDK's switch for the MDC entries it sets while it handles a resource. */
  static final String JOSDK_MDC = "JAVA_OPERATOR_SDK_USE_MDC";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (xmlGiven()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configureInCode(context, System.getenv("ENVOPS_LOG_LEVEL"));
    withoutJosdkMdc(System.getProperties());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Logs to stdout at {@code level} (INFO when null or not a level), {@link #AT_INFO} at INFO. */
  static void configureInCode(LoggerContext context, String level) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setEncoder(encoder);
    stdout.start();
    var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(stdout);
    AT_INFO.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
  }

  /**
   * Turns JOSDK's MDC off unless {@link #JOSDK_MDC} is set: {@link #PATTERN} prints no MDC, and
   * JOSDK puts and removes up to seven MDC entries around every event and reconcile (4% of the
   * steady state's CPU in the fleet benchmark's profile). JOSDK reads the property once, before its
   * first event.
   */
  static void withoutJosdkMdc(Properties system) {
    if (system.getProperty(JOSDK_MDC) == null) {
      system.setProperty(JOSDK_MDC, "false");
    }
  }

  private static boolean xmlGiven() {
    ClassLoader loader = LogConfiguration.class.getClassLoader();
    return System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null;
  }
}
