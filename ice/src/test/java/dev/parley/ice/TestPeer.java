package dev.parley.ice;

import dev.parley.stun.IceControlled;
import dev.parley.stun.IceControlling;
import dev.parley.stun.MessageIntegrity;
import dev.parley.stun.Priority;
import dev.parley.stun.StunClass;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunMessageBuilder;
import dev.parley.stun.StunMethod;
import dev.parley.stun.TransactionId;
import dev.parley.stun.UseCandidate;
import dev.parley.stun.Username;

/** A full ICE agent's side of the checks, built with the stun codec; one builder per check. */
final class TestPeer {

    String username = "LOCL:REMT";
    String password = AgentFixture.LOCAL.password();
    int method = StunMethod.BINDING;
    StunClass messageClass = StunClass.REQUEST;
    boolean integrity = true;
    boolean fingerprint = true;
    boolean priority = true;
    boolean controlling = true;
    boolean controlled;
    boolean useCandidate;
    Integer extraAttribute;
    TransactionId transactionId = TransactionId.random();

    static TestPeer check() {
        return new TestPeer();
    }

    TestPeer username(String u) {
        username = u;
        return this;
    }

    TestPeer password(String p) {
        password = p;
        return this;
    }

    TestPeer noIntegrity() {
        integrity = false;
        return this;
    }

    TestPeer noFingerprint() {
        fingerprint = false;
        return this;
    }

    TestPeer noPriority() {
        priority = false;
        return this;
    }

    TestPeer controlled() {
        controlling = false;
        controlled = true;
        return this;
    }

    TestPeer nominating() {
        useCandidate = true;
        return this;
    }

    TestPeer extra(int type) {
        extraAttribute = type;
        return this;
    }

    TestPeer method(int m) {
        method = m;
        return this;
    }

    TestPeer messageClass(StunClass c) {
        messageClass = c;
        return this;
    }

    byte[] build() {
        StunMessageBuilder b = StunMessage.builder(messageClass, method, transactionId);
        if (username != null) {
            b.add(new Username(username));
        }
        if (controlling) {
            b.add(new IceControlling(0x1234_5678_9abc_def0L));
        }
        if (controlled) {
            b.add(new IceControlled(0x1234_5678_9abc_def0L));
        }
        if (useCandidate) {
            b.add(new UseCandidate());
        }
        if (priority) {
            b.add(new Priority(0x6e7f1effL));
        }
        if (extraAttribute != null) {
            b.add(extraAttribute, new byte[] {1, 2, 3, 4});
        }
        if (integrity) {
            b.messageIntegrity(MessageIntegrity.shortTermKey(password));
        }
        if (fingerprint) {
            b.fingerprint();
        }
        return b.build();
    }
}
