package io.signalbox.recording;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The recordings kept, shared by the cluster's nodes. */
@ApplicationScoped
public class VodRegistry {
    @Inject
    SharedMaps maps;

    private Map<String, Vod> vods() {
        return maps.map("signalbox.vods");
    }

    void add(Vod vod) {
        vods().put(vod.vodId(), vod);
    }

    public Optional<Vod> find(String vodId) {
        return Optional.ofNullable(vods().get(vodId));
    }

    /** The VoD {@code vodId}; no_vod_exist when there is none. */
    public Vod require(String vodId) {
        return find(vodId).orElseThrow(() -> new SignalingException(ErrorDefinition.NO_VOD_EXIST, "no VoD " + vodId));
    }

    /** The VoD whose file is named {@code vodName}. */
    public Optional<Vod> byName(String vodName) {
        return vods().values().stream().filter(vod -> vod.vodName().equals(vodName)).findFirst();
    }

    /** VoDs newest first, {@code size} of them from {@code offset}. */
    public List<Vod> list(int offset, int size) {
        return vods().values().stream().sorted(Comparator.comparingLong(Vod::creationDate).reversed().thenComparing(Vod::vodId))
                .skip(Math.max(0, offset)).limit(Math.max(0, size)).toList();
    }

    public int count() {
        return vods().size();
    }

    boolean remove(String vodId) {
        return vods().remove(vodId) != null;
    }
}
