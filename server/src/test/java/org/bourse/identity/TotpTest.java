package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238's test vectors (appendix B): every time, every algorithm, 8 digits. */
class TotpTest {

    private static final String SHA1_SEED = "12345678901234567890";
    private static final String SHA256_SEED = "12345678901234567890123456789012";
    private static final String SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234";

    @ParameterizedTest(name = "at {0} s: SHA1 {1}, SHA256 {2}, SHA512 {3}")
    @CsvSource({
            "59,          94287082, 46119246, 90693936",
            "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326",
            "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void codesAreRfc6238s(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(seconds);
        assertThat(Totp.code(bytes(SHA1_SEED), step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(bytes(SHA256_SEED), step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(bytes(SHA512_SEED), step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @ParameterizedTest(name = "a code of step {0} is accepted at step 100: {1}")
    @CsvSource({"98, false", "99, true", "100, true", "101, true", "102, false"})
    void aCodeIsAcceptedOneStepEitherSideOnly(long codeStep, boolean accepted) {
        String code = Totp.code(bytes(SHA1_SEED), codeStep, Totp.DIGITS, Totp.ALGORITHM);
        assertThat(Totp.matchingStep(bytes(SHA1_SEED), code, 100) == codeStep).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "base32 of \"{0}\" is {1}")
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32IsRfc4648s(String text, String encoded) {
        assertThat(Totp.base32(bytes(text))).isEqualTo(encoded);
        assertThat(TwoFactor.base32Decode(encoded)).isEqualTo(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
