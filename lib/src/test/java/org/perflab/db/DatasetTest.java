package org.perflab.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The generated orders data set in memory. Loading it into H2 and PostgreSQL is {@link DatasetIT}.
 */
class DatasetTest {

    @Test
    void sameSeedGivesSameRowsAndOtherSeedGivesOthers() {
        OrdersDataset a = OrdersDataset.builder().users(100).orders(5_000).seed(7).build();
        OrdersDataset b = OrdersDataset.builder().users(100).orders(5_000).seed(7).build();
        OrdersDataset c = OrdersDataset.builder().users(100).orders(5_000).seed(8).build();
        assertEquals(a.checksums(), b.checksums());
        assertNotEquals(a.checksums().get(1), c.checksums().get(1));
        BlogDataset blog = BlogDataset.builder().authors(10).posts(100).commentsPerPost(3).seed(7).build();
        assertEquals(blog.checksums(), BlogDataset.builder().authors(10).posts(100).commentsPerPost(3).seed(7)
                .build().checksums());
        System.out.printf("[dataset] %s checksums %s%n", a, a.checksums());
    }

    @Test
    void invalidSizesAreRejectedWithTheLimit() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OrdersDataset.builder().users(0));
        assertEquals("users must be between 1 and 100000000, was 0: give at least one user, e.g. 10_000", e.getMessage());
    }
}
