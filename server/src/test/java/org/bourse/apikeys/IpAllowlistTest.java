package org.bourse.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which client addresses a key's allowlist lets in, and which entries it takes at all. */
class IpAllowlistTest {

    private static final IpAllowlist LIST = new IpAllowlist(List.of("203.0.113.0/24", "198.51.100.7", "2001:db8::/32"));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"203.0.113.0, true", "203.0.113.255, true", "203.0.114.1, false", "198.51.100.7, true",
            "198.51.100.8, false", "2001:db8::1, true", "2001:db9::1, false", "not-an-address, false",
            "::ffff:198.51.100.7, true"})
    void allowsOnlyListedAddressesAndBlocks(String client, boolean allowed) {
        assertThat(LIST.allows(client)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "\"{0}\" is stored as \"{1}\"")
    @CsvSource({"' 10.0.0.1 ', 10.0.0.1", "10.0.0.0/8, 10.0.0.0/8", "2001:DB8::/32, 2001:db8:0:0:0:0:0:0/32",
            "10.0.0.0/33, ''", "256.0.0.1, ''", "example.com, ''", "1234, ''", "::1/129, ''"})
    void entriesAreLiteralsOnly(String entry, String stored) {
        assertThat(IpAllowlist.normalise(entry).orElse("")).isEqualTo(stored);
    }

    @ParameterizedTest(name = "an empty list allows {0}")
    @CsvSource({"10.1.2.3", "2001:db8::1"})
    void anEmptyListAllowsAnyAddress(String client) {
        assertThat(new IpAllowlist(List.of()).allows(client)).isTrue();
    }
}
