package org.bourse.bench.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The share of each request kind, from a spec such as {@code limit=50,market=5,cancel=25,read=20}:
 * {@code read} splits evenly over book, ticker, balances and orders; each read can also be named alone.
 */
record Mix(Map<RequestKind, Double> weights) {

    static final String DEFAULT = "limit=50,market=5,cancel=25,read=20";

    Mix {
        weights = new EnumMap<>(weights);
        weights.values().removeIf(w -> w <= 0);
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("the mix has no request kind with a positive weight");
        }
    }

    static Mix parse(String spec) {
        Map<RequestKind, Double> weights = new EnumMap<>(RequestKind.class);
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("mix part '" + part + "' is not kind=weight");
            }
            String kind = pair[0].trim().toLowerCase(Locale.ROOT);
            double weight;
            try {
                weight = Double.parseDouble(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mix weight '" + pair[1] + "' is not a number");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("mix weight of " + kind + " is negative");
            }
            if (kind.equals("read")) {
                for (RequestKind read : RequestKind.READS) {
                    weights.merge(read, weight / RequestKind.READS.length, Double::sum);
                }
            } else {
                weights.merge(kind(kind), weight, Double::sum);
            }
        }
        return new Mix(weights);
    }

    private static RequestKind kind(String name) {
        for (RequestKind kind : RequestKind.values()) {
            if (kind.label().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown request kind '" + name
                + "' in the mix; use limit, market, cancel, read, book, ticker, balances or orders");
    }

    /** The same mix without some kinds, the others keeping their proportions. */
    Mix without(Set<RequestKind> dropped) {
        Map<RequestKind, Double> kept = new EnumMap<>(weights);
        kept.keySet().removeAll(dropped);
        return new Mix(kept);
    }

    /** The kind whose share holds {@code u}, a uniform draw in [0, 1). */
    RequestKind draw(double u) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double point = u * total;
        RequestKind last = null;
        for (Map.Entry<RequestKind, Double> e : weights.entrySet()) {
            last = e.getKey();
            point -= e.getValue();
            if (point < 0) {
                return last;
            }
        }
        return last;
    }

    boolean includes(RequestKind kind) {
        return weights.containsKey(kind);
    }

    @Override
    public String toString() {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        StringJoiner out = new StringJoiner(", ");
        weights.forEach((kind, w) -> out.add(kind.label() + " " + String.format(Locale.ROOT, "%.1f%%", 100 * w / total)));
        return out.toString();
    }
}
