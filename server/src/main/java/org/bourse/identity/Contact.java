package org.bourse.identity;

/** How to reach a user by e-mail, for the notify module: the address, the name to greet, whether it is confirmed. */
public record Contact(long id, String username, String email, boolean emailVerified) {

    /** Addresses under {@code .invalid} (the demo and system users') can never receive mail (RFC 2606). */
    public boolean deliverable() {
        return !email.toLowerCase(java.util.Locale.ROOT).endsWith(".invalid");
    }
}
