package org.perflab.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of PostgreSQL's {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)}: a one-element
 * array whose "Plan" holds the root node and, under "Plans", its children.
 */
final class PostgresPlanParser {

    /** The nodes depth first, and the times PostgreSQL reported for the statement. */
    record Parsed(List<PlanNode> nodes, double planningMillis, double executionMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresPlanParser() {
    }

    static Parsed parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not PostgreSQL's JSON plan (" + e.getOriginalMessage() + "): "
                    + abbreviate(json), e);
        }
        JsonNode statement = root != null && root.isArray() && root.size() > 0 ? root.get(0) : root;
        if (statement == null || !statement.has("Plan")) {
            throw new IllegalArgumentException("PostgreSQL's JSON plan has no \"Plan\": " + abbreviate(json));
        }
        List<PlanNode> nodes = new ArrayList<>();
        addDepthFirst(statement.get("Plan"), 0, nodes);
        return new Parsed(List.copyOf(nodes), statement.path("Planning Time").asDouble(Double.NaN),
                statement.path("Execution Time").asDouble(Double.NaN));
    }

    private static void addDepthFirst(JsonNode plan, int depth, List<PlanNode> nodes) {
        nodes.add(new PlanNode(depth, plan.path("Node Type").asText(),
                plan.path("Parallel Aware").asBoolean(false),
                text(plan, "Relation Name"), text(plan, "Index Name"),
                text(plan, plan.has("Index Cond") ? "Index Cond" : "Recheck Cond"), text(plan, "Filter"),
                count(plan, "Actual Rows"), count(plan, "Actual Loops"),
                plan.path("Actual Total Time").asDouble(Double.NaN),
                count(plan, "Shared Hit Blocks"), count(plan, "Shared Read Blocks"),
                count(plan, "Heap Fetches"), count(plan, "Rows Removed by Filter"), PlanNode.NOT_REPORTED));
        for (JsonNode child : plan.path("Plans")) {
            addDepthFirst(child, depth + 1, nodes);
        }
    }

    private static String text(JsonNode plan, String field) {
        JsonNode value = plan.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long count(JsonNode plan, String field) {
        JsonNode value = plan.get(field);
        return value == null || !value.isNumber() ? PlanNode.NOT_REPORTED : value.asLong();
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? String.valueOf(text) : text.substring(0, 300) + "...";
    }
}
