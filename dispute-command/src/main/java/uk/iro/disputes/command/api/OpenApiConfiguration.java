package uk.iro.disputes.command.api;

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
    OpenAPI disputeCommandApi() {
        return new OpenAPI()
                .info(new Info().title("IRO dispute resolution: commands").version("v1")
                        .description("Raise and walk a dispute through its council's escalation policy. Every POST"
                                + " accepts Idempotency-Key and If-Match; every answer carries the dispute's version"
                                + " as its ETag; errors are application/problem+json."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
