package org.perflab.bottleneck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.tracing.SpanRecorder;

/**
 * {@code GET /products/{id}}: reads the product and its reviews from a real database, reads the
 * stock level behind a lock, computes recommendations, renders the response as JSON and logs the
 * access to a remote logging service on loopback, each part in its own span. The seed given to
 * {@link #create} makes exactly one {@link Culprit} slow: many reviews (an N+1), a logging service
 * that answers slowly, a reconciler that holds the stock lock, megabytes of small short-lived objects per request, or a
 * large related-products list. The code is the same for every seed.
 *
 * <p>{@link #apply(String)} turns on a fix by name; {@link #reveal()} says which part the seed chose.
 */
public final class ProductHandler implements AutoCloseable {

    public static final String ROOT_SPAN = "GET /products/{id}";
    static final int PRODUCTS = 40;
    static final int CONNECTIONS = 8;
    static final int SCORE_FIELDS = 6;
    static final int PAGE = 20;

    /** How slow each part is when the seed picks it, and how light otherwise. */
    record Sizes(int reviews, Duration logDelay, Duration lockHold, int scores, int related) {
    }

    static final Sizes LIGHT = new Sizes(3, Duration.ZERO, Duration.ZERO, 1_000, 20);

    /** The slow sizes: each makes its part some tens of milliseconds, many times the rest of the request. */
    static Sizes heavy(Culprit culprit, boolean roundTrips) {
        return switch (culprit) {
            // A round trip on loopback PostgreSQL is ~0.15 ms; a query in H2 in-process ~0.02 ms.
            case N_PLUS_ONE -> new Sizes(roundTrips ? 200 : 1_500, LIGHT.logDelay, LIGHT.lockHold, LIGHT.scores,
                    LIGHT.related);
            case REMOTE_LOG -> new Sizes(LIGHT.reviews, Duration.ofMillis(30), LIGHT.lockHold, LIGHT.scores,
                    LIGHT.related);
            case LOCK -> new Sizes(LIGHT.reviews, LIGHT.logDelay, Duration.ofMillis(60), LIGHT.scores, LIGHT.related);
            case ALLOCATION -> new Sizes(LIGHT.reviews, LIGHT.logDelay, LIGHT.lockHold, 1_000_000, LIGHT.related);
            case JSON -> new Sizes(LIGHT.reviews, LIGHT.logDelay, LIGHT.lockHold, LIGHT.scores, 15_000);
        };
    }

    public record Review(long id, int stars, String text) {
    }

    public record Related(long id, String name, double price, List<String> tags) {
    }

    public record ProductPage(long id, String name, double price, int inStock, List<Review> reviews,
                              long recommendationChecksum, List<Related> related) {
    }

    private final Culprit culprit;
    private final Sizes sizes;
    private final SpanRecorder spans;
    private final Schema schema;
    private final BlockingQueue<Connection> connections;
    private final SlowLogService logService;
    private final StockLedger stock;
    private final List<Related> related;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadLocal<long[]> buffer = ThreadLocal.withInitial(() -> new long[SCORE_FIELDS]);
    private final long[][] recentScores = new long[1024][];
    private final ThreadPoolExecutor logThreads = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(10_000));
    private final Set<Culprit> fixed = EnumSet.noneOf(Culprit.class);

    private ProductHandler(Culprit culprit, Sizes sizes, Database database, SpanRecorder spans) throws SQLException {
        this.culprit = culprit;
        this.sizes = sizes;
        this.spans = Objects.requireNonNull(spans, "spans");
        this.schema = Schema.create(database, "bottleneck");
        this.connections = new ArrayBlockingQueue<>(CONNECTIONS);
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                connections.add(schema.connection());
            }
            fill(connections.peek(), sizes.reviews());
        } catch (SQLException | RuntimeException e) {
            closeConnections();
            schema.close();
            throw e;
        }
        this.logService = new SlowLogService(sizes.logDelay());
        this.stock = new StockLedger(PRODUCTS, sizes.lockHold(), Duration.ofMillis(5));
        this.related = new ArrayList<>(sizes.related());
        for (int i = 0; i < sizes.related(); i++) {
            related.add(new Related(i, "related product " + i, 0.99 + i * 0.37, List.of("tag" + i % 13, "catalog")));
        }
    }

    /** A handler whose slow part is drawn from {@code seed}; tables go in a new schema of {@code database}. */
    public static ProductHandler create(long seed, Database database, SpanRecorder spans) throws SQLException {
        return create(Culprit.draw(seed), database, spans);
    }

    /** A handler with this culprit; for tests and for exercises that pick the slow part on purpose. */
    public static ProductHandler create(Culprit culprit, Database database, SpanRecorder spans) throws SQLException {
        return new ProductHandler(culprit, heavy(culprit, database.isPostgres()), database, spans);
    }

    /** Serves one request: every part in its span, under the root span {@value #ROOT_SPAN}. */
    public String handle(long productId) throws Exception {
        int id = (int) (Math.floorMod(productId, PRODUCTS) + 1);
        return spans.inSpan(ROOT_SPAN, () -> {
            Connection connection = connections.take();
            try {
                String[] product = spans.inSpan("db.product", () -> loadProduct(connection, id));
                List<Review> reviews = spans.inSpan("db.reviews", () -> loadReviews(connection, id));
                int inStock = spans.inSpan("stock.read", () -> readStock(id));
                long checksum = spans.inSpan("recommend", () -> recommend(id));
                String body = spans.inSpan("json.render", () -> renderJson(new ProductPage(id, product[0],
                        Double.parseDouble(product[1]), inStock, reviews, checksum, related)));
                spans.inSpan("log.remote", () -> logAccess(id, body.length()));
                return body;
            } finally {
                connections.put(connection);
            }
        });
    }

    /** Turns on one fix by name ({@link Culprit#fix()}); a fix for a part that was not slow changes little. */
    public synchronized void apply(String fix) {
        fixed.add(Culprit.fixedBy(fix));
    }

    /** Turns every fix off again. */
    public synchronized void undoFixes() {
        fixed.clear();
    }

    private synchronized boolean isFixed(Culprit part) {
        return fixed.contains(part);
    }

    /** The part the seed made slow. Call it after the hunt. */
    public Culprit reveal() {
        return culprit;
    }

    /** Log lines the logging service has acknowledged. */
    public long logLinesReceived() {
        return logService.received();
    }

    String[] loadProduct(Connection connection, int id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT name, price FROM products WHERE id = ?")) {
            query.setInt(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new String[] {row.getString(1), row.getString(2)};
            }
        }
    }

    List<Review> loadReviews(Connection connection, int productId) throws SQLException {
        List<Review> reviews = new ArrayList<>();
        if (isFixed(Culprit.N_PLUS_ONE)) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, stars, body FROM reviews WHERE product_id = ? ORDER BY id")) {
                query.setInt(1, productId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        reviews.add(new Review(rows.getLong(1), rows.getInt(2), rows.getString(3)));
                    }
                }
            }
            return reviews;
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM reviews WHERE product_id = ? ORDER BY id")) {
            query.setInt(1, productId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT stars, body FROM reviews WHERE id = ?")) {
            for (long id : ids) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    reviews.add(new Review(id, row.getInt(1), row.getString(2)));
                }
            }
        }
        return reviews;
    }

    int readStock(int productId) {
        return isFixed(Culprit.LOCK) ? stock.snapshotRead(productId) : stock.lockedRead(productId);
    }

    /**
     * Scores candidate products, one small score record each. Unless buffers are reused, every
     * record is a new array kept in a shared window of recent scores, so it escapes and the JIT
     * cannot remove the allocation: megabytes of garbage per request, and young collections.
     */
    long recommend(int productId) {
        boolean reuse = isFixed(Culprit.ALLOCATION);
        long[] scratch = reuse ? buffer.get() : null;
        long checksum = 0;
        for (int candidate = 0; candidate < sizes.scores(); candidate++) {
            long[] score = reuse ? scratch : new long[SCORE_FIELDS];
            score[candidate % SCORE_FIELDS] = productId * 31L + candidate;
            if (!reuse) {
                recentScores[candidate & (recentScores.length - 1)] = score;
            }
            checksum += score[candidate % SCORE_FIELDS];
        }
        return checksum;
    }

    String renderJson(ProductPage page) throws JsonProcessingException {
        ProductPage sent = isFixed(Culprit.JSON) && page.related().size() > PAGE
                ? new ProductPage(page.id(), page.name(), page.price(), page.inStock(), page.reviews(),
                        page.recommendationChecksum(), page.related().subList(0, PAGE))
                : page;
        return json.writeValueAsString(sent);
    }

    void logAccess(int productId, int bytes) throws IOException {
        String line = "GET /products/" + productId + " 200 " + bytes + " bytes";
        if (isFixed(Culprit.REMOTE_LOG)) {
            logThreads.execute(() -> {
                try {
                    logService.send(line);
                } catch (IOException e) {
                    // The request has been answered; a lost log line is counted by the service, not thrown.
                }
            });
        } else {
            logService.send(line);
        }
    }

    private static void fill(Connection connection, int reviewsPerProduct) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE products (id int PRIMARY KEY, name varchar(80), price numeric(8,2))");
            ddl.execute("CREATE TABLE reviews (id bigint PRIMARY KEY, product_id int, stars int, body varchar(200))");
            ddl.execute("CREATE INDEX reviews_by_product ON reviews (product_id)");
        }
        try (PreparedStatement products = connection.prepareStatement("INSERT INTO products VALUES (?, ?, ?)");
             PreparedStatement reviews = connection.prepareStatement("INSERT INTO reviews VALUES (?, ?, ?, ?)")) {
            long reviewId = 0;
            for (int id = 1; id <= PRODUCTS; id++) {
                products.setInt(1, id);
                products.setString(2, "product " + id);
                products.setBigDecimal(3, java.math.BigDecimal.valueOf(100 + id * 37L, 2));
                products.addBatch();
                for (int r = 0; r < reviewsPerProduct; r++) {
                    reviews.setLong(1, ++reviewId);
                    reviews.setInt(2, id);
                    reviews.setInt(3, 1 + (int) (reviewId % 5));
                    reviews.setString(4, "review " + reviewId + " of product " + id);
                    reviews.addBatch();
                }
                reviews.executeBatch();
            }
            products.executeBatch();
        }
    }

    private void closeConnections() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a connection that already failed; the schema's own close reports real problems.
            }
        }
        connections.clear();
    }

    @Override
    public void close() throws InterruptedException {
        logThreads.shutdown();
        logThreads.awaitTermination(5, TimeUnit.SECONDS);
        logService.close();
        stock.close();
        closeConnections();
        schema.close();
    }
}
