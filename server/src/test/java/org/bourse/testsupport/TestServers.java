package org.bourse.testsupport;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bourse.platform.DataDirectory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Remembers the data directory of every server this test JVM starts, by its port, so a test that knows only
 * the port (e.g. {@link Traders}) can reach the files the server keeps there, such as the admin bootstrap
 * token. Registered for every Spring application of the tests in {@code META-INF/spring.factories}.
 */
public final class TestServers implements ApplicationListener<WebServerInitializedEvent> {

    private static final Map<Integer, Path> DATA_DIRECTORIES = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        event.getApplicationContext().getBeanProvider(DataDirectory.class).ifAvailable(dir ->
                DATA_DIRECTORIES.put(event.getWebServer().getPort(), dir.path()));
    }

    /** The data directory of the server on {@code port}, started in this JVM. */
    public static Path dataDirectory(int port) {
        Path dir = DATA_DIRECTORIES.get(port);
        if (dir == null) {
            throw new IllegalStateException("No server of this JVM listens on port " + port
                    + "; pass its data directory to Admins.admin(port, dataDir)");
        }
        return dir;
    }
}
