package io.signalbox.cluster;

import java.util.function.Consumer;

/** One node on its own: no other node to send to, or to lose. */
public final class LocalNode implements Nodes {

    @Override
    public String self() {
        return "";
    }

    @Override
    public void send(String node, Object payload) {
        throw new IllegalStateException("not clustered: there is no node " + node);
    }

    @Override
    public void onReceive(Consumer<Object> receiver) {
        // nothing arrives from other nodes
    }

    @Override
    public void onNodeLeft(Consumer<String> listener) {
        // no other node can leave
    }

    @Override
    public int members() {
        return 1;
    }
}
