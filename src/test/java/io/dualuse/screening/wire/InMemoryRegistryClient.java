package io.dualuse.screening.wire;

import com.microsoft.kiota.ApiExceptionBuilder;
import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for Apicurio Registry's REST client, so that the real Apicurio serdes run here without
 * Docker: schemas by artifact and content, with content and global ids, 404 for an unknown id, and
 * an outage switch. RegistryModeContainerTest does the same against the real registry.
 */
final class InMemoryRegistryClient implements RegistryClientFacade {

    record Version(String artifactId, String content, long contentId, long globalId) {
    }

    private final Map<String, Version> byArtifact = new ConcurrentHashMap<>();
    volatile boolean down;
    private long nextContentId = 7;
    private long nextGlobalId = 1001;

    synchronized Version register(String artifactId, String content) {
        Version v = new Version(artifactId, content, nextContentId++, nextGlobalId++);
        byArtifact.put(artifactId, v);
        return v;
    }

    Version version(String artifactId) {
        return byArtifact.get(artifactId);
    }

    @Override
    public List<RegistryVersionCoordinates> searchVersionsByContent(String content, String artifactType,
                                                                    ArtifactReference reference, boolean canonical) {
        available();
        Version v = byArtifact.get(reference.getArtifactId());
        return v == null || !v.content().equals(content) ? List.of()
                : List.of(RegistryVersionCoordinates.create(v.globalId(), v.contentId(), "default", v.artifactId(), "1"));
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        available();
        return byArtifact.values().stream().filter(v -> v.contentId() == contentId).findFirst()
                .orElseThrow(() -> new ApiExceptionBuilder().withMessage("no content " + contentId).withResponseStatusCode(404).build())
                .content();
    }

    @Override
    public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        available();
        return byArtifact.values().stream().filter(v -> v.globalId() == globalId).findFirst()
                .orElseThrow(() -> new ApiExceptionBuilder().withMessage("no version " + globalId).withResponseStatusCode(404).build())
                .content();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return List.of();
    }

    private void available() {
        if (down) {
            throw new RuntimeException(new ConnectException("Connection refused"));
        }
    }

    // ------------------------------------------------ not used by the service's configuration

    @Override
    public String getSchemaByGAV(String groupId, String artifactId, String version) {
        throw new UnsupportedOperationException("the service never looks up by coordinates");
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        throw new UnsupportedOperationException("the service never looks up by content hash");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        throw new UnsupportedOperationException("the service's schemas have no references");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        throw new UnsupportedOperationException("the service's schemas have no references");
    }

    @Override
    public RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId, String version,
                                                   String ifExists, boolean canonical, String content,
                                                   Set<RegistryArtifactReference> references) {
        throw new UnsupportedOperationException("auto-registration is off: schemas are registered at start-up");
    }

    @Override
    public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        throw new UnsupportedOperationException("the service never looks up the latest version");
    }

    @Override
    public Object getClient() {
        return null;
    }
}
