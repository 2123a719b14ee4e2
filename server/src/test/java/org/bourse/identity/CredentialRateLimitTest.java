package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;

/**
 * Registrations and logins are charged to a budget per client address of their own (default 20 at once), far
 * smaller than the general one: one address cannot create accounts or try passwords at the general rate.
 */
class CredentialRateLimitTest extends IdentityApiTest {

    private static final int BUDGET = 20; // bourse.rate-limit.auth.capacity's default

    @Test
    void oneAddressCanRegisterOnlyItsBudgetOfAccountsAtOnce() {
        HttpApi oneAddress = api();
        for (int i = 0; i < BUDGET; i++) {
            assertThat(oneAddress.post(REGISTER, newMember().registration()).status()).as("registration %d", i).isEqualTo(201);
        }

        HttpApi.Reply refused = oneAddress.post(REGISTER, newMember().registration());

        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(oneAddress.post(LOGIN, newMember().credentials()).status()).as("a login from there too").isEqualTo(429);
        assertProblem(oneAddress.post(REFRESH, refreshBody("not.a.token")), 401, "UNAUTHORIZED");
        assertThat(api().post(REGISTER, newMember().registration()).status()).as("another address").isEqualTo(201);
    }
}
