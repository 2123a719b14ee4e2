package org.bourse.notify;

/** One e-mail as the templates made it: a subject, a plain-text part and an HTML part. */
record Mail(String subject, String text, String html) {
}
