package uk.iro.disputes.command.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import uk.iro.disputes.command.application.CommandRejected;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;

/**
 * Every error as RFC 9457 {@code application/problem+json}. Bad input is a 400 naming each field; a broken rule
 * of the process is a 409 (403 for rules about who acts) whose {@code type} names the rule. Nothing a client
 * sends reaches the last handler; if something does, it is logged and answered without internals.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {
    public static final String RULE_TYPE = "urn:iro-disputes:rule:";
    public static final String PROBLEM_TYPE = "urn:iro-disputes:problem:";
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** A broken rule's status, wherever it is answered: 403 for a rule about who acts, otherwise 409. */
    public static HttpStatus statusOf(DisputeRuleViolation e) {
        return e.rule().aboutWhoActs() ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
    }

    /** A broken rule's problem type: the rule's own URN. */
    public static String typeOf(DisputeRuleViolation e) {
        return RULE_TYPE + e.rule().code();
    }

    @ExceptionHandler(DisputeRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleBroken(DisputeRuleViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(e), e.getMessage());
        problem.setType(URI.create(typeOf(e)));
        problem.setTitle(e.rule().description());
        problem.setProperty("rule", e.rule().code());
        return respond(problem);
    }

    @ExceptionHandler(CommandRejected.class)
    ResponseEntity<ProblemDetail> rejected(CommandRejected e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        problem.setType(URI.create(PROBLEM_TYPE + e.code()));
        problem.setTitle(e.title());
        return respond(problem);
    }

    @ExceptionHandler(FieldProblem.class)
    ResponseEntity<ProblemDetail> badField(FieldProblem e) {
        return respond(invalid(List.of(Map.of("field", e.field(), "message", e.getMessage()))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure handling a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed to handle the request; nothing was recorded. It has been logged.");
        problem.setType(URI.create(PROBLEM_TYPE + "internal"));
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
        return asObject(respond(invalid(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(Map.of("field", result.getMethodParameter().getParameterName() == null ? "request"
                        : result.getMethodParameter().getParameterName(),
                        "message", String.valueOf(error.getDefaultMessage())))));
        return asObject(respond(invalid(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException json = find(e, JacksonException.class);
        String field = json == null ? "" : pathOf(json);
        String message;
        if (json instanceof UnrecognizedPropertyException) {
            message = "is not a field of this request";
        } else if (json instanceof StreamReadException read && isDuplicateProperty(read)) {
            // Found by the parser, before any field is read: where it stopped is the field given twice.
            field = pathInDocument(read);
            message = "is given more than once";
        } else if (json instanceof StreamConstraintsException) {
            message = "is longer or more deeply nested than the service reads";
        } else if (json instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class
                && !field.isEmpty()) {
            message = StrictJsonInput.StorableText.MESSAGE;
        } else if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && !field.isEmpty()) {
            message = "must be " + expected(mismatch.getTargetType());
        } else if (!field.isEmpty()) {
            message = "has the wrong type or form";
        } else if (json instanceof StreamReadException) {
            message = "the body is not well-formed JSON";
        } else if (json instanceof MismatchedInputException) {
            message = "the body must be a JSON object";
        } else {
            message = "the body is missing or is not JSON";
        }
        return asObject(respond(invalid(List.of(Map.of("field", field.isEmpty() ? "body" : field,
                "message", message)))));
    }

    /**
     * A request the security firewall refuses once it is inside the application (a header or parameter it does
     * not accept, read lazily). {@link RefusedRequests} sends the ones it refuses at the door here too.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> refused(RequestRejectedException e) {
        String reason = String.valueOf(e.getMessage());
        return respond(invalid(List.of(Map.of("field", "request",
                "message", reason.length() <= 300 ? reason : reason.substring(0, 300) + "..."))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response == null) {
            return null;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has invalid fields: " + errors.stream().map(m -> m.get("field")).toList());
        problem.setType(URI.create(PROBLEM_TYPE + "invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a JSON value must be to be read as this type, for the message naming its field. */
    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        } else if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == LocalDate.class) {
            return "a date written yyyy-MM-dd";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static boolean isDuplicateProperty(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate Object property");
    }

    /** Where in the document the parser was, e.g. {@code plannedActions[0].owner}. */
    private static String pathInDocument(StreamReadException e) {
        JsonParser parser = e.processor();
        if (parser == null) {
            return "";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inArray()) {
                segments.push("[" + context.getCurrentIndex() + "]");
            } else if (context.currentName() != null) {
                segments.push("." + context.currentName());
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
