package uk.iro.disputes.command.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Requests Tomcat refuses before any of the application sees them (an encoded {@code /} or {@code \}, a NUL or a
 * malformed {@code %} escape in the URL, a control character in a header, headers too large) are answered with a
 * problem document too, instead of Tomcat's HTML error page. A 400 has the form {@link ProblemResponses} gives it;
 * Tomcat cannot say which header or part of the URL it refused, so the field named is {@code request}.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private static final String INVALID_REQUEST = "{\"type\":\"" + ProblemResponses.PROBLEM_TYPE + "invalid-request\","
            + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"The request has invalid fields: [request]\","
            + "\"errors\":[{\"field\":\"request\",\"message\":\"its URL or headers are not well-formed HTTP\"}]}";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // Added after Spring Boot's own ErrorReportValve, so it is nearer the request and reports first.
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new ProblemValve()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static final class ProblemValve extends ErrorReportValve {
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String problem = status == 400 ? INVALID_REQUEST
                    : "{\"type\":\"" + ProblemResponses.PROBLEM_TYPE + (status < 500 ? "request-refused" : "internal")
                            + "\",\"title\":\"" + (known == null ? "Error" : known.getReasonPhrase())
                            + "\",\"status\":" + status + "}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(problem);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the answer is already committed: nothing more can be said.
            }
        }
    }
}
