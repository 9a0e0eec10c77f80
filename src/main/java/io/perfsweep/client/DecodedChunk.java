package io.perfsweep.client;

/**
 * What one OpenAI streaming chunk carried, before AIPerf's empty-chunk filter.
 *
 * @param content {@code choices[0].delta.content} or {@code choices[0].text}, null when absent or empty
 * @param reasoning {@code delta.reasoning_content}, else {@code delta.reasoning}, null when absent or empty
 * @param usage the chunk's {@code usage} block, null when absent or null
 * @param finishReason {@code choices[0].finish_reason}, null when absent or null
 * @param error the message of an in-stream {@code error} object, null when there is none
 */
record DecodedChunk(String content, String reasoning, ServerUsage usage, String finishReason, String error) {

    /** AIPerf {@code _parse_chat_common}: only chunks with content or reasoning text count as responses. */
    boolean carriesText() {
        return content != null || reasoning != null;
    }
}
