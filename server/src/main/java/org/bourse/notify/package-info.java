/**
 * Seed 002 notify: in-app notifications, e-mail through a transactional outbox worked by a sender (SMTP from
 * {@code BOURSE_SMTP_URL}, or kept for admins to read), each user's e-mail settings, and price alerts. Fed by
 * the engine's events through {@link org.bourse.notify.NotificationProjection}; other modules call
 * {@link org.bourse.notify.Notices}.
 */
package org.bourse.notify;
