package io.rediha.node.acl;

/** A rule or file that cannot be applied; the message is the text Redis gives for the same case. */
public final class AclException extends Exception {
    public AclException(String message) {
        super(message, null, false, false);
    }
}
