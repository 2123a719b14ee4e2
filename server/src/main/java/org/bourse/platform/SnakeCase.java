package org.bourse.platform;

/** Java names to the snake_case the API speaks: {@code refreshToken} → {@code refresh_token}, {@code items[0].unitPrice} kept in shape. */
final class SnakeCase {

    private SnakeCase() {
    }

    static String of(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && javaName.charAt(i - 1) != '.') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
