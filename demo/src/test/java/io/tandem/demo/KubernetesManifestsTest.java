package io.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.tandem.cli.CommandLines;
import io.tandem.cli.SettingsDefaultProvider;
import io.tandem.main.TandemCommand;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docker/kubernetes/, checked without a cluster (none exists here): every object is read into the Kubernetes API's
 * typed model (fabric8), and a field the model does not know fails the test, as a misspelt field would be dropped
 * or refused by the API server; every container's command line is parsed by the real Tandem command with the
 * ConfigMap's settings file and the container's environment, as it would start; probes, ports, the Indexed Job's
 * worker share and the PodMonitor's selection are checked against each other. Not proven here: admission by a real
 * API server (defaults, validation webhooks), scheduling, and that the images exist under these names.
 */
class KubernetesManifestsTest {

    private static final Path DIRECTORY = Path.of("..", "docker", "kubernetes");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "PersistentVolumeClaim", PersistentVolumeClaim.class, "Deployment", Deployment.class,
            "Job", Job.class, "PodMonitor", PodMonitor.class);

    private static final List<HasMetadata> OBJECTS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper typed = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class)
                        .readValues(file.toFile())) {
                    for (JsonNode document : documents.readAll()) {
                        Class<? extends HasMetadata> kind = KINDS.get(document.path("kind").asText());
                        assertThat(kind).as("%s: a kind this test knows, was %s", file, document.path("kind")).isNotNull();
                        HasMetadata object = typed.treeToValue(document, kind);
                        assertNoUnknownFields(object, file + " " + object.getKind() + "/" + object.getMetadata().getName());
                        OBJECTS.add(object);
                    }
                }
            }
        }
    }

    /**
     * The model keeps what it does not know in additionalProperties rather than failing: any there is a field the
     * API does not have (a typo, a wrong level).
     */
    private static void assertNoUnknownFields(Object node, String where) {
        if (node == null || !node.getClass().getName().startsWith("io.fabric8")) {
            if (node instanceof Collection<?> items) {
                items.forEach(item -> assertNoUnknownFields(item, where));
            } else if (node instanceof Map<?, ?> map) {
                map.values().forEach(value -> assertNoUnknownFields(value, where));
            }
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(where + ": " + getter, e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("%s: fields unknown to %s", where, node.getClass().getSimpleName())
                        .isNullOrEmpty();
            } else if (!getter.getName().equals("getApiVersion") && !getter.getName().equals("getKind")) {
                assertNoUnknownFields(value, where);
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return OBJECTS.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
    }

    private static List<PodTemplateSpec> podTemplates() {
        List<PodTemplateSpec> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(Job.class).forEach(j -> templates.add(j.getSpec().getTemplate()));
        return templates;
    }

    @Test
    void everyObjectReadsIntoTheKubernetesModelWithoutAnUnknownField() {
        assertThat(OBJECTS).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Job/tandem-backfill", "ConfigMap/tandem-config", "Secret/tandem-secrets",
                "PersistentVolumeClaim/tandem-dead-letters", "Deployment/tandem-indexer", "Job/tandem-verify",
                "Job/tandem-cutover", "PodMonitor/tandem");
    }

    @Test
    void everyContainerStartsWithItsArgsTheSettingsFileAndItsEnvironment() throws IOException {
        ConfigMap config = named(ConfigMap.class, "tandem-config");
        for (Map.Entry<String, String> file : config.getData().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Map<String, String> secrets = named(Secret.class, "tandem-secrets").getStringData();
        int containers = 0;
        for (PodTemplateSpec template : podTemplates()) {
            for (Container container : template.getSpec().getContainers()) {
                Map<String, String> environment = new HashMap<>(secrets);
                for (EnvVar variable : container.getEnv()) {
                    // what the kubelet sets from a fieldRef: the Indexed Job's completion index
                    environment.put(variable.getName(), variable.getValue() != null ? variable.getValue() : "0");
                }
                List<String> args = new ArrayList<>();
                for (String arg : container.getArgs()) {
                    String expanded = arg;
                    for (Map.Entry<String, String> variable : environment.entrySet()) {
                        expanded = expanded.replace("$(" + variable.getKey() + ")", variable.getValue());
                    }
                    // the ConfigMap is mounted at /config
                    args.add(expanded.startsWith("/config/") ? dir.resolve(expanded.substring(8)).toString() : expanded);
                }
                String[] argv = args.toArray(String[]::new);
                CommandLine cli = CommandLines.create(TandemCommand.command(System.out));
                SettingsDefaultProvider settings = SettingsDefaultProvider.fromArgs(argv, environment);
                settings.refuseUnknownKeys(cli.getCommandSpec(), true);
                assertThat(settings.misspelledVariables(cli.getCommandSpec())).as(container.getName()).isEmpty();
                cli.setDefaultValueProvider(settings);
                cli.parseArgs(argv); // a missing required setting or an unknown flag throws, naming it
                containers++;
            }
        }
        assertThat(containers).isEqualTo(4);
    }

    @Test
    void theIndexerIsProbedOnItsStatusPortAndStopsGracefully() {
        PodTemplateSpec pod = named(Deployment.class, "tandem-indexer").getSpec().getTemplate();
        Container indexer = pod.getSpec().getContainers().get(0);
        String port = indexer.getEnv().stream().filter(e -> e.getName().equals("TANDEM_STATUS_PORT")).findFirst()
                .orElseThrow().getValue();
        assertThat(indexer.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(port));
        });
        assertThat(indexer.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(indexer.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(indexer.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30);
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).as("the image's user").isEqualTo(10001);
    }

    @Test
    void theBackfillIsAnIndexedJobWhoseWorkersShareTheSlicesAndKeepTheirDeadLetters() {
        Job backfill = named(Job.class, "tandem-backfill");
        assertThat(backfill.getSpec().getCompletionMode()).isEqualTo("Indexed");
        Container worker = backfill.getSpec().getTemplate().getSpec().getContainers().get(0);
        int workers = backfill.getSpec().getCompletions();
        assertThat(backfill.getSpec().getParallelism()).isEqualTo(workers);
        assertThat(String.join(" ", worker.getArgs())).contains("--worker $(JOB_COMPLETION_INDEX)/" + workers)
                .contains("--dead-letter-file /data/");
        assertThat(worker.getEnv()).filteredOn(e -> e.getName().equals("JOB_COMPLETION_INDEX")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']"));
        assertThat(backfill.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(
                        named(PersistentVolumeClaim.class, "tandem-dead-letters").getMetadata().getName()));
    }

    @Test
    void thePodMonitorScrapesEveryPodThatServesMetrics() {
        PodMonitor monitor = named(PodMonitor.class, "tandem");
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        String port = monitor.getSpec().getPodMetricsEndpoints().get(0).getPort();
        for (PodTemplateSpec template : podTemplates()) {
            Container container = template.getSpec().getContainers().get(0);
            if (container.getPorts().stream().anyMatch(p -> port.equals(p.getName()))) {
                assertThat(template.getMetadata().getLabels()).as(container.getName()).containsAllEntriesOf(selector);
            }
        }
        assertThat(podTemplates().stream().filter(t -> t.getSpec().getContainers().get(0).getPorts().stream()
                .anyMatch(p -> port.equals(p.getName())))).hasSize(2);
    }

    @Test
    void everyImageIsPinnedAndEveryContainerRunsWithoutRootOrAWritableImage() {
        for (PodTemplateSpec template : podTemplates()) {
            for (Container container : template.getSpec().getContainers()) {
                assertThat(container.getImage()).as(container.getName()).contains(":").doesNotEndWith(":latest");
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
                assertThat(template.getSpec().getSecurityContext().getRunAsNonRoot()).as(container.getName()).isTrue();
                assertThat(container.getVolumeMounts()).as("%s: the JVM needs a writable /tmp", container.getName())
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
            }
        }
    }
}
