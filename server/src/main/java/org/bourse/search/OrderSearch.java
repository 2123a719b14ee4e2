package org.bourse.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bourse.exchange.ExchangeGateway;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a search: first waits until the index reflects the caller's own last command (as every read of a
 * user's history does), so that what an answered request changed is visible; then the cache, whose entries
 * for that user the index's commit has already invalidated; then the index. The answer is the response body,
 * kept and served as JSON text.
 */
@Service
class OrderSearch {

    private final ExchangeGateway exchange;
    private final SearchRepository repository;
    private final SearchCache cache;
    private final SearchMetrics metrics;
    private final JsonMapper json;

    OrderSearch(ExchangeGateway exchange, SearchRepository repository, SearchCache cache, SearchMetrics metrics,
                JsonMapper json) {
        this.exchange = exchange;
        this.repository = repository;
        this.cache = cache;
        this.metrics = metrics;
        this.json = json;
    }

    /** @param query with {@code userId} null: every user's orders (the admin's search) */
    String search(SearchQuery query) {
        long began = System.nanoTime();
        String scope;
        if (query.userId() != null) {
            exchange.awaitReadModels(query.userId());
            scope = Long.toString(query.userId());
        } else {
            exchange.awaitReadModels();
            scope = Generations.ALL;
        }
        SearchCache.Answer answer = cache.get(scope, query.key(), () -> fromIndex(query));
        metrics.answered(answer.source(), System.nanoTime() - began);
        return answer.json();
    }

    /** The answer of a search that cannot match anything (the admin's, narrowed to a user who does not exist). */
    String nothing(SearchQuery query) {
        return "{\"items\":[],\"next_cursor\":null,\"total\":0,\"facets\":{\"status\":{},\"symbol\":{},\"type\":{}}}";
    }

    private String fromIndex(SearchQuery query) {
        List<SearchRepository.Hit> hits = repository.page(query);
        String next = null;
        if (hits.size() > query.limit()) {
            hits = hits.subList(0, query.limit());
            next = hits.getLast().position().encode();
        }
        SearchRepository.Counts counts = repository.counts(query.wholeResult());
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("status", counts.status());
        facets.put("symbol", counts.symbol());
        facets.put("type", counts.type());
        StringBuilder body = new StringBuilder(256 + hits.size() * 700).append("{\"items\":[");
        for (int i = 0; i < hits.size(); i++) {
            body.append(i == 0 ? "" : ",").append(hits.get(i).body());
        }
        return body.append("],\"next_cursor\":").append(json.writeValueAsString(next))
                .append(",\"total\":").append(counts.total())
                .append(",\"facets\":").append(json.writeValueAsString(facets)).append('}').toString();
    }
}
