package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The node's own logback.xml (not the tests' logback-test.xml) configures without a single warning in either
 * {@link LogFormat}: logback prints its whole configuration report, two dozen lines, on every start once anything
 * in it warns, and an operator would see that above every node's and every CLI command's output.
 */
class LogbackConfigTest {
    private static final Path CONFIG = Path.of("src", "main", "resources", "logback.xml");

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void theNodesLogbackXmlConfiguresWithoutAWarning(LogFormat format) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.putProperty(LogFormat.PROPERTY, format.value());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONFIG.toFile());

        StatusUtil status = new StatusUtil(context);
        assertThat(status.getHighestLevel(0))
                .as(
                        "logback's report on %s:%n%s",
                        format, context.getStatusManager().getCopyOfStatusList())
                .isLessThan(Status.WARN);
        assertThat(context.getLogger("root").getAppender(format.value())).isNotNull();
        context.stop();
    }
}
