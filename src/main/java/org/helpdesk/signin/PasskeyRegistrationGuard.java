package org.helpdesk.signin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.mfa.Passkeys;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our rules in front of Spring Security's passkey registration endpoints: guests are refused (spec 6), the label
 * is checked before anything is verified or stored, a body too large or unreadable is refused, and a registration
 * the relying party rejects is a clear 400, never a 500. Removal goes through the Authentication tab's form only,
 * so Spring Security's {@code DELETE /webauthn/register/{id}} is refused.
 */
class PasskeyRegistrationGuard extends OncePerRequestFilter {

    static final int MAX_BODY = 64 * 1024;

    private static final RequestMatcher OPTIONS =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webauthn/register/options");
    private static final RequestMatcher REGISTER =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webauthn/register");
    private static final RequestMatcher DELETE =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, "/webauthn/register/**");

    private final MessageSource messages;
    private final JsonMapper json = JsonMapper.builder().build();

    PasskeyRegistrationGuard(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(OPTIONS.matches(request) || REGISTER.matches(request) || DELETE.matches(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication != null && authentication.getPrincipal() instanceof CurrentUser user)) {
            chain.doFilter(request, response);
            return;
        }
        if (user.guest()) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "passkey.guest");
            return;
        }
        if (DELETE.matches(request)) {
            refuse(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "passkey.removeFromTab");
            return;
        }
        if (OPTIONS.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BODY);
        if (body == null) {
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "passkey.tooLarge");
            return;
        }
        String label;
        try {
            JsonNode node = json.readTree(body);
            JsonNode labelNode = node == null ? null : node.path("publicKey").path("label");
            label = labelNode != null && labelNode.isString() ? labelNode.stringValue() : null;
        } catch (JacksonException e) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "passkey.unreadable");
            return;
        }
        try {
            Passkeys.checkLabel(label);
        } catch (InvalidInputException e) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, e.messageCode());
            return;
        }
        try {
            chain.doFilter(new CachedBody(request, body), response);
        } catch (RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "passkey.registrationFailed");
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String message = messages.getMessage(code, null, code, request.getLocale());
        response.getWriter().write(json.writeValueAsString(Map.of("success", false, "message", message)));
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    /** The request with its body read once here and offered again to the registration filter. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
