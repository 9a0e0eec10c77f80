package io.perfsweep.workload;

/** A tokenizer.json that this package cannot reproduce exactly; the message says what and why. */
public final class UnsupportedTokenizerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedTokenizerException(String message) {
        super(message);
    }

    public UnsupportedTokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
