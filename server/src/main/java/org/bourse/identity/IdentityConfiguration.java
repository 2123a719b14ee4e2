package org.bourse.identity;

import org.bourse.platform.CredentialEndpoints;
import org.bourse.platform.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IdentityProperties.class, AccountProperties.class})
class IdentityConfiguration {

    static final int BCRYPT_COST = 10;

    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties properties) {
        IdentityProperties.PasswordHashing hashing = properties.passwordHashing();
        int concurrency = hashing.concurrency() > 0 ? hashing.concurrency() : BoundedPasswordEncoder.defaultConcurrency();
        return new BoundedPasswordEncoder(new BCryptPasswordEncoder(BCRYPT_COST), concurrency, hashing.maxWait());
    }

    /** Registration, login, refresh and logout work without an access token. */
    @Bean
    PublicEndpoints identityPublicEndpoints() {
        return PublicEndpoints.of("/api/v1/auth/**");
    }

    /** Each costs a bcrypt hash and, for login, a guess at a password: a per-address budget of their own. */
    @Bean
    CredentialEndpoints identityCredentialEndpoints() {
        return CredentialEndpoints.of("/api/v1/auth/register", "/api/v1/auth/login");
    }
}
