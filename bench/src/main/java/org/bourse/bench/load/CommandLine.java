package org.bourse.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code --name value} / {@code --name=value} options of a benchmark's command line. Each option is
 * taken once; {@link #rejectUnknown()} then refuses whatever nobody took. Errors name the option.
 */
final class CommandLine {

    private final Map<String, String> given;

    private CommandLine(Map<String, String> given) {
        this.given = given;
    }

    /** @throws IllegalArgumentException for a word that is not an option, or an option without its value */
    static CommandLine parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                given.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                given.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
        return new CommandLine(given);
    }

    /** The option's text, or null when it was not given. */
    String take(String name) {
        return given.remove(name);
    }

    String take(String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }

    int whole(String name, int fallback) {
        return parsed(name, Integer.toString(fallback), Integer::parseInt, "a whole number");
    }

    double number(String name, double fallback) {
        return parsed(name, Double.toString(fallback), Double::parseDouble, "a number");
    }

    void rejectUnknown() {
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
        }
    }

    /** One line of a run's "options in use" block. */
    static void line(StringBuilder out, String name, Object value) {
        out.append(String.format(Locale.ROOT, "  %-15s %s%n", name, value));
    }

    private <T> T parsed(String name, String fallback, Function<String, T> parser, String what) {
        String text = take(name, fallback);
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not " + what);
        }
    }
}
