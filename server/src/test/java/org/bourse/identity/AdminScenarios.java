package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;

import java.util.Map;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;

/** {@code PATCH /api/v1/admin/users/{id}}: granting and revoking the admin role, disabling and enabling users, and who may. */
abstract class AdminScenarios extends IdentityApiTest {

    private static final Map<String, Object> DISABLE = Map.of("is_active", false);
    private static final Map<String, Object> ENABLE = Map.of("is_active", true);
    private static final String ADMIN_ROUTE = "/api/v1/admin/reconciliation";

    @Test
    void aDisabledUserCannotLogIn() {
        Member member = newMember();
        long userId = register(member);

        HttpApi.Reply reply = asAdmin().patch(ADMIN_USERS + userId, DISABLE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("id")).isEqualTo(Long.toString(userId));
        assertThat(reply.json().path("is_active").asBoolean(true)).isFalse();
        assertProblem(api().post(LOGIN, member.credentials()), 403, "ACCOUNT_DISABLED");
    }

    @Test
    void aDisabledAccountIsOnlyRevealedToWhoKnowsThePassword() {
        Member member = newMember();
        long userId = register(member);
        asAdmin().patch(ADMIN_USERS + userId, DISABLE);

        assertProblem(api().post(LOGIN, member.withPassword("not the password")), 401, "INVALID_CREDENTIALS");
    }

    @Test
    void disablingAUserRevokesTheirRefreshTokensForGood() {
        Member member = newMember();
        long userId = register(member);
        Session session = logIn(member);
        HttpApi admin = asAdmin();

        admin.patch(ADMIN_USERS + userId, DISABLE);
        assertProblem(api().post(REFRESH, refreshBody(session.refreshToken())), 401, "UNAUTHORIZED");

        admin.patch(ADMIN_USERS + userId, ENABLE);
        assertProblem(api().post(REFRESH, refreshBody(session.refreshToken())), 401, "UNAUTHORIZED");
    }

    @Test
    void anEnabledUserCanLogInAgain() {
        Member member = newMember();
        long userId = register(member);
        HttpApi admin = asAdmin();
        admin.patch(ADMIN_USERS + userId, DISABLE);

        HttpApi.Reply reply = admin.patch(ADMIN_USERS + userId, ENABLE);

        assertThat(reply.json().path("is_active").asBoolean(false)).isTrue();
        assertThat(api().post(LOGIN, member.credentials()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserIsUserNotFound() {
        HttpApi admin = asAdmin();

        assertProblem(admin.patch(ADMIN_USERS + Long.MAX_VALUE, DISABLE), 404, "USER_NOT_FOUND");
        assertProblem(admin.patch(ADMIN_USERS + "not-an-id", DISABLE), 404, "USER_NOT_FOUND");
    }

    @Test
    void nonAdminsAreToldAdminRoutesDoNotExist() {
        Session session = newSession();
        HttpApi user = api().withBearer(session.accessToken());

        HttpApi.Reply patch = user.patch(ADMIN_USERS + session.userId(), ENABLE);
        HttpApi.Reply elsewhere = user.get("/api/v1/admin/reconciliation");

        assertProblem(patch, 404, "NOT_FOUND");
        assertProblem(elsewhere, 404, "NOT_FOUND");
        assertThat(patch.json().path("detail")).isEqualTo(user.get("/api/v1/no-such-route").json().path("detail"));
    }

    @Test
    void aGrantedAdminReachesAdminRoutesAtOnceAndLosesThemAtOnceWhenRevoked() {
        Session member = newSession();
        HttpApi memberApi = api().withBearer(member.accessToken());
        HttpApi admin = asAdmin();

        HttpApi.Reply granted = admin.patch(ADMIN_USERS + member.userId(), Map.of("role", "admin"));

        assertThat(granted.status()).as("%s", granted).isEqualTo(200);
        assertThat(granted.text("role")).isEqualTo("admin");
        assertThat(memberApi.get(ADMIN_ROUTE).status()).as("with the token issued before the grant").isEqualTo(200);

        HttpApi.Reply revoked = admin.patch(ADMIN_USERS + member.userId(), Map.of("role", "normal"));

        assertThat(revoked.text("role")).isEqualTo("normal");
        assertProblem(memberApi.get(ADMIN_ROUTE), 404, "NOT_FOUND");
    }

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDisabled() {
        HttpApi admin = asAdmin();
        String adminId = admin.get(ME).text("id");

        assertProblem(admin.patch(ADMIN_USERS + adminId, Map.of("role", "normal")), 409, "LAST_ADMIN");
        assertProblem(admin.patch(ADMIN_USERS + adminId, DISABLE), 409, "LAST_ADMIN");
        assertThat(admin.get(ADMIN_ROUTE).status()).isEqualTo(200);
    }

    @Test
    void anUnknownRoleIsRefused() {
        Session member = newSession();

        Map<String, String> errors = assertValidationFailed(asAdmin().patch(ADMIN_USERS + member.userId(),
                Map.of("role", "superuser")));

        assertThat(errors).containsOnlyKeys("role");
    }

    @Test
    void adminRoutesWithoutATokenAreUnauthorized() {
        assertProblem(api().patch(ADMIN_USERS + 1, ENABLE), 401, "UNAUTHORIZED");
    }

    private HttpApi asAdmin() {
        return api().withBearer(adminToken());
    }
}
