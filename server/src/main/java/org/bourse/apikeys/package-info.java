/**
 * Issue 25's API keys: keys that programs sign their requests with (HMAC-SHA256), each limited to its
 * permissions, its IP addresses and its own rate, with the secret kept sealed under a server key. Other modules
 * check a signed request through {@link org.bourse.apikeys.ApiKeys#verify} and never read the keys' table.
 */
package org.bourse.apikeys;
