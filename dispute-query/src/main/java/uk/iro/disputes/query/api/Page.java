package uk.iro.disputes.query.api;

import java.util.List;

/** One page of a list, numbered from 0. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, int page, int size, long total) {
        return new Page<>(items, page, size, total, (total + size - 1) / size);
    }
}
