package org.bourse.notify;

import java.util.Locale;

/**
 * What a notification is about. The first six are the user's e-mail settings (API.md's names, lower case);
 * {@code ACCOUNT} mails (confirmation, password reset and change) always go out.
 */
public enum Kind {
    ORDER_EXECUTED, ORDER_EXPIRED, DEPOSIT_CREDITED, TRANSFER_RECEIVED, NEW_LOGIN_IP, PRICE_ALERT, ACCOUNT;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
