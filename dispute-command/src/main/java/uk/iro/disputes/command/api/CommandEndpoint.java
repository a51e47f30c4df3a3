package uk.iro.disputes.command.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import uk.iro.disputes.command.application.CommandResult;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.Caller;
import uk.iro.disputes.command.security.SecurityProperties;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.StreamTypes;

/** The HTTP side every command endpoint shares: caller, headers, fingerprint, and the answer's headers. */
@Component
public class CommandEndpoint {
    private static final Pattern IF_MATCH = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final ObjectMapper FINGERPRINT = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DisputeCommands commands;
    private final SecurityProperties security;

    public CommandEndpoint(DisputeCommands commands, SecurityProperties security) {
        this.commands = commands;
        this.security = security;
    }

    DisputeId disputeId(String value) {
        try {
            return DisputeId.of(value);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("disputeId", "must be 1-64 letters, digits or hyphens");
        }
    }

    ResponseEntity<CommandResult> run(String name, DisputeId id, boolean creates, Set<Role> allowed,
            Function<StaffReference, Object> command, Object body, String ifMatch, String idempotencyKey,
            HttpServletRequest http) {
        return run(name, id.value(), StreamTypes.DISPUTE, "/api/v1/disputes/", creates, allowed, command, body,
                ifMatch, idempotencyKey, http);
    }

    /** A command to a stream of {@code aggregateType}, created at {@code location} + id when {@code creates}. */
    ResponseEntity<CommandResult> run(String name, String id, String aggregateType, String location, boolean creates,
            Set<Role> allowed, Function<StaffReference, Object> command, Object body, String ifMatch,
            String idempotencyKey, HttpServletRequest http) {
        Long expectedVersion = ifMatch == null ? null : parseIfMatch(ifMatch);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new FieldProblem("Idempotency-Key", "must be 1-255 visible ASCII characters");
        }
        var answer = commands.execute(new DisputeCommands.Request(name, id, creates, caller(), allowed,
                command, expectedVersion, idempotencyKey, fingerprint(http.getMethod(), http.getRequestURI(), body),
                (String) http.getAttribute(CorrelationIdFilter.ATTRIBUTE), aggregateType));
        CommandResult result = answer.result();
        ResponseEntity.BodyBuilder response = answer.status() == 201
                ? ResponseEntity.created(URI.create(location + result.disputeId()))
                : ResponseEntity.status(answer.status());
        response.eTag("\"" + result.version() + "\"");
        if (answer.replayed()) {
            response.header("Idempotency-Replayed", "true");
        }
        return response.body(result);
    }

    /**
     * A command as one item of a batch: no If-Match, no Idempotency-Key (the scheduler's commands are idempotent in
     * the aggregate), the request's caller and correlation id.
     */
    DisputeCommands.Request batchItem(String name, DisputeId id, Set<Role> allowed,
            Function<StaffReference, Object> command, HttpServletRequest http) {
        return new DisputeCommands.Request(name, id.value(), false, caller(), allowed, command, null, null, null,
                (String) http.getAttribute(CorrelationIdFilter.ATTRIBUTE), StreamTypes.DISPUTE);
    }

    private Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("command endpoints are reached only with a bearer token");
        }
        Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (var authority : token.getAuthorities()) {
            for (Role role : Role.values()) {
                if (("ROLE_" + role.name()).equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        String subject = token.getToken().getSubject();
        if (subject == null || !subject.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")) {
            throw new uk.iro.disputes.command.application.CommandRejected(403, "subject-not-a-staff-id",
                    "Forbidden", "the token's subject must be the caller's staff id (1-64 letters, digits or _ . : -)");
        }
        String clientClaim = security.clientClaim() == null || security.clientClaim().isBlank()
                ? "azp" : security.clientClaim();
        Object client = token.getToken().getClaims().get(clientClaim);
        return new Caller(subject, roles, client == null ? null : String.valueOf(client));
    }

    private static long parseIfMatch(String ifMatch) {
        Matcher m = IF_MATCH.matcher(ifMatch);
        if (!m.matches()) {
            throw new FieldProblem("If-Match", "must be the dispute's version as given in the ETag, e.g. \"4\"");
        }
        return Long.parseLong(m.group(1));
    }

    private static String fingerprint(String method, String path, Object body) {
        try {
            byte[] json = FINGERPRINT.writeValueAsBytes(body);
            String canonical = method + " " + path + "\n" + HashChain.canonicalJson(json);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
