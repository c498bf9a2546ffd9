package org.helpdesk.apitokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.helpdesk.support.ApiClient;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document and the API agree: every operation it describes is served, and every operation served
 * under /api is described, with the API token as its security and problem documents for its errors.
 */
@H2Test
class OpenApiTests extends IntegrationTestSupport {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    private JsonNode document() {
        ApiClient.Response response = new ApiClient(port).get(ApiProblems.DOCS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    private Set<String> documented(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    private Set<String> served() {
        Set<String> operations = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") || pattern.startsWith(ApiProblems.DOCS)) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                assertThat(methods).as("%s names its HTTP methods", pattern).isNotEmpty();
                methods.forEach(method -> operations.add(method.name() + " " + pattern));
            }
        }
        return operations;
    }

    @Test
    void everyDocumentedOperationIsServedAndEveryServedOperationIsDocumented() {
        Set<String> documented = documented(document());
        Set<String> served = served();
        assertThat(served).as("the API").isNotEmpty().contains("POST /api/v1/temporary-access-passes/batch",
                "GET /api/v1/audit-events", "PUT /api/v1/policies/temporary-access-pass", "PATCH /api/v1/users/{id}",
                "DELETE /api/v1/users/{id}/temporary-access-passes/{passId}");
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void documentNamesTheBearerTokenAndProblemAnswersAndTheGraphFieldNames() {
        JsonNode document = document();
        JsonNode scheme = document.get("components").get("securitySchemes").get("apiToken");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(document.get("security").get(0).has("apiToken")).isTrue();
        assertThat(document.get("components").get("schemas").has("Problem")).isTrue();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().get("responses");
            assertThat(responses.get("401").get("content").has("application/problem+json"))
                    .as("%s %s", operation.getKey(), path.getKey()).isTrue();
        }));
        JsonNode pass = document.get("components").get("schemas").get("PassResource").get("properties");
        assertThat(pass.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("id",
                "createdDateTime", "startDateTime", "lifetimeInMinutes", "isUsableOnce", "isUsable",
                "methodUsabilityReason", "temporaryAccessPass");
        JsonNode policy = document.get("components").get("schemas").get("PolicyResource").get("properties");
        assertThat(policy.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("enabled",
                "minimumLifetimeInMinutes", "maximumLifetimeInMinutes", "defaultLifetimeInMinutes", "isUsableOnce",
                "defaultLength", "characterSet");
        assertThat(document.get("paths").get("/api/v1/users").get("post").get("responses").has("201")).isTrue();
    }
}
