package org.helpdesk.apitokens;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api/v1}, served by springdoc at {@value ApiProblems#DOCS}: the API token as its
 * one security scheme, and the problem document as the answer of every error.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    private static final String TOKEN = "apiToken";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI helpdeskApi() {
        return new OpenAPI()
                .info(new Info().title("Helpdesk TAP API").version("v1").description("""
                        Temporary Access Passes, their policy, people and the event log. Every call needs an API \
                        token (Authorization: Bearer hdtap_…), which an agent creates on their profile; passwords, \
                        Temporary Access Passes and browser sessions are never accepted. Errors are \
                        application/problem+json (RFC 9457); refused values are listed in "errors" by field."""))
                .components(new Components()
                        .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("hdtap_ followed by 49 letters and digits")
                                .description("An API token, shown once when it is created on the profile.")))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN));
    }

    /** Every operation can answer 400, 401, 403, 404, 413 or 500 with a problem document. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            for (Map.Entry<String, String> code : Map.of(
                    "400", "The request is malformed or a value is refused; nothing was changed.",
                    "401", "No valid API token.",
                    "403", "The token's account may not do this.",
                    "404", "No such address or resource.",
                    "413", "The request body is too large.",
                    "500", "The service could not finish the request; nothing was changed.").entrySet()) {
                operation.getResponses().putIfAbsent(code.getKey(), new ApiResponse().description(code.getValue())
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
            }));
        };
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field at fault, as in users[3].mail; "
                        + "absent when no single field is"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(error));
    }
}
