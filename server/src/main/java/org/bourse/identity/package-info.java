/**
 * Users and who they are: registration, bcrypt passwords, login attempts and lock-out, JWT access and
 * refresh tokens, the admin switch for accounts. Other modules see users only through {@link org.bourse.identity.UserDirectory}.
 */
package org.bourse.identity;
