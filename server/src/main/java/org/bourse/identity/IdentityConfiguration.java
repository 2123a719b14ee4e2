package org.bourse.identity;

import org.bourse.platform.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    static final int BCRYPT_COST = 10;

    @Bean
    BCryptPasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(BCRYPT_COST);
    }

    /** Registration, login, refresh and logout work without an access token. */
    @Bean
    PublicEndpoints identityPublicEndpoints() {
        return PublicEndpoints.of("/api/v1/auth/**");
    }
}
