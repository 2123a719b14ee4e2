package org.bourse.marketdata.ws;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bourse.platform.PublicEndpoints;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Mounts the protocol at {@code /ws}. The handshake is open to everyone and every origin (a token is sent
 * in-band, never a cookie, so no other site can act for a user), and a stale {@code Authorization} header on
 * it is ignored. The heartbeat pings every socket on its own thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(WebSocketProperties.class)
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final MarketSocketHandler handler;

    WebSocketConfiguration(MarketSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).setAllowedOriginPatterns("*");
    }

    @Bean
    PublicEndpoints webSocketPublicEndpoints() {
        return PublicEndpoints.of(PATH);
    }

    @Bean
    SmartLifecycle webSocketHeartbeat(WebSocketProperties properties) {
        return new Heartbeat(handler, properties);
    }

    /** Pings on a schedule; at shutdown tells every client the server is going away. */
    private static final class Heartbeat implements SmartLifecycle {
        private final MarketSocketHandler handler;
        private final WebSocketProperties properties;
        private ScheduledExecutorService scheduler;

        Heartbeat(MarketSocketHandler handler, WebSocketProperties properties) {
            this.handler = handler;
            this.properties = properties;
        }

        @Override
        public void start() {
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bourse-ws-heartbeat").factory());
            long every = properties.pingInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        private void beat() {
            try {
                handler.heartbeat();
            } catch (RuntimeException e) {
                // a failed beat must not end the schedule
                LoggerFactory.getLogger(Heartbeat.class).error("WebSocket heartbeat failed", e);
            }
        }

        @Override
        public void stop() {
            scheduler.shutdownNow();
            scheduler = null;
            handler.closeAll(CloseStatus.GOING_AWAY.withReason("server shutting down"));
        }

        @Override
        public boolean isRunning() {
            return scheduler != null;
        }
    }
}
