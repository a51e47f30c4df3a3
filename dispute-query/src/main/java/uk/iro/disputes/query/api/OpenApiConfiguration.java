package uk.iro.disputes.query.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3 description served at /v3/api-docs and in Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI disputeQueryApi() {
        return new OpenAPI()
                .info(new Info().title("IRO dispute resolution: queries, audit and reports").version("v1")
                        .description("Read models of the dispute event store: disputes, their audit history and"
                                + " hash-chain verification, point-in-time views, reports, and the policies and"
                                + " working-day calendar as reference data (no token needed). Errors are"
                                + " application/problem+json."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
