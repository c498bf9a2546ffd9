package org.helpdesk.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.EmailAddresses;
import org.helpdesk.system.Csv;
import org.helpdesk.system.Times;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Account administration → Event log: browse with filters and paging, export as CSV. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class EventLogController {

    static final int PAGE_SIZE = 50;
    static final int EXPORT_LIMIT = 100_000;

    private final AuditLog log;
    private final Accounts accounts;
    private final Times times;

    EventLogController(AuditLog log, Accounts accounts, Times times) {
        this.log = log;
        this.accounts = accounts;
        this.times = times;
    }

    @GetMapping("/admin/events")
    String events(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                  @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String person,
                  @RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
        Filters filters = filters(from, to, type, person);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("type", type);
        model.addAttribute("person", person);
        model.addAttribute("types", Arrays.stream(AuditType.values()).map(Enum::name).toList());
        model.addAttribute("filterError", filters.error());
        if (filters.error() != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("events", filters.error() != null || filters.noMatch() ? null
                : log.search(filters.query(), page, PAGE_SIZE));
        return "audit/events";
    }

    @GetMapping(value = "/admin/events/export.csv")
    void export(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String person,
                HttpServletResponse response) throws IOException {
        Filters filters = filters(from, to, type, person);
        if (filters.error() != null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"event-log.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = response.getWriter();
        out.write("time,type,outcome,reason,actor,subject,client_address,user_agent,details\r\n");
        if (filters.noMatch()) {
            return;
        }
        log.forEach(filters.query(), EXPORT_LIMIT, e -> {
            try {
                out.write(String.join(",", Csv.cell(e.occurredAt().toString()), Csv.cell(e.type().name()),
                        Csv.cell(e.outcome()), Csv.cell(e.reason()), Csv.cell(e.actorEmail()), Csv.cell(e.subjectEmail()),
                        Csv.cell(e.clientAddress()), Csv.cell(e.userAgent()), Csv.cell(e.details())));
                out.write("\r\n");
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        });
    }

    private record Filters(AuditQuery query, String error, boolean noMatch) {
    }

    private Filters filters(String from, String to, String type, String person) {
        Instant start = null;
        Instant end = null;
        AuditType kind = null;
        Long accountId = null;
        if (!from.isBlank() && (start = times.parseInput(from)) == null) {
            return new Filters(null, "events.filter.from", false);
        }
        if (!to.isBlank() && (end = times.parseInput(to)) == null) {
            return new Filters(null, "events.filter.to", false);
        }
        if (!type.isBlank()) {
            try {
                kind = AuditType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return new Filters(null, "events.filter.type", false);
            }
        }
        boolean noMatch = false;
        if (!person.isBlank()) {
            if (EmailAddresses.normalize(person) == null) {
                return new Filters(null, "events.filter.person", false);
            }
            accountId = accounts.findByEmail(person).map(Account::id).orElse(null);
            noMatch = accountId == null;
        }
        return new Filters(new AuditQuery(start, end, kind, accountId), null, noMatch);
    }
}
