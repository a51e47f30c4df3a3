package uk.iro.disputes.command.api;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Requests the security firewall refuses at the door (a {@code ;} or {@code //} in the URL, an encoded {@code %}
 * or {@code ;}, a method it does not know) are answered by {@link ProblemResponses}, as a 400 problem document,
 * instead of the servlet container's error page in Spring Boot's own JSON.
 */
@Configuration(proxyBeanMethods = false)
public class RefusedRequests {

    @Bean
    RequestRejectedHandler requestRejectedHandler(
            @Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return (request, response, rejected) -> {
            if (resolver.resolveException(request, response, null, rejected) == null) {
                response.sendError(400);
            }
        };
    }
}
