package io.perfsweep.mock;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code GET /mock/requests}: an array with one object per request, fields named as in {@link MockRequestTruth}.
 */
final class TruthJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TruthJson() {
    }

    static String write(List<MockRequestTruth> truths) {
        ArrayNode array = JSON.createArrayNode();
        for (MockRequestTruth truth : truths) {
            ObjectNode node = array.addObject();
            node.put("requestId", truth.requestId());
            node.put("receivedNanos", truth.receivedNanos());
            ArrayNode written = node.putArray("tokenWrittenNanos");
            for (long nanos : truth.tokenWrittenNanos()) {
                written.add(nanos);
            }
            node.put("promptTokens", truth.promptTokens());
            node.put("cachedTokens", truth.cachedTokens());
            node.put("completionTokens", truth.completionTokens());
            node.put("preemptions", truth.preemptions());
            node.put("httpStatus", truth.httpStatus());
            node.put("traceId", truth.traceId());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ground truth JSON", e);
        }
    }
}
