/**
 * Ethereum as far as the exchange needs it, on the JDK and BouncyCastle alone: Keccak-256, secp256k1 keys and
 * signatures, EIP-55 addresses, BIP-32 public child derivation from an extended public key, RLP, EIP-155 signed
 * transfers, and a JSON-RPC client of a node. No wallet state lives here; the chain module owns that.
 */
package org.bourse.chain.evm;
