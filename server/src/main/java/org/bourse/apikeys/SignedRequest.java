package org.bourse.apikeys;

/**
 * A request a program signed with an API key, as the transport received it.
 *
 * @param apiKey     the key's public id (e.g. Binance's {@code X-MBX-APIKEY} header); may be null
 * @param payload    exactly the text that was signed
 * @param signature  lower- or upper-case hex of HMAC-SHA256(secret, payload); may be null
 * @param timestamp  the client's clock when it signed, epoch milliseconds, as sent; may be null
 * @param recvWindow how many milliseconds after {@code timestamp} the request is still good, as sent; null = 5000
 * @param clientIp   the address the request came from
 * @param needed     what the request does
 */
public record SignedRequest(String apiKey, String payload, String signature, String timestamp, String recvWindow,
                            String clientIp, Permission needed) {
}
