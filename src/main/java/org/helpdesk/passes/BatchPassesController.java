package org.helpdesk.passes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.passes.PassBatches.Issued;
import org.helpdesk.passes.PassBatches.Recipient;
import org.helpdesk.system.Csv;
import org.helpdesk.system.Times;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Account administration → Passes for a group: a CSV of email addresses in, a CSV of passes out. The results are
 * the answer to the upload, sent once as a download that is never cached, and kept nowhere.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequestMapping(BatchPassesController.PATH)
class BatchPassesController {

    static final String PATH = "/admin/passes/batch";

    /** A problem with one line of the uploaded file. */
    record LineProblem(int line, String messageCode) {
    }

    private final PassBatches batches;
    private final TapPolicies policies;
    private final IssueForms issueForms;
    private final Times times;

    BatchPassesController(PassBatches batches, TapPolicies policies, IssueForms issueForms, Times times) {
        this.batches = batches;
        this.policies = policies;
        this.issueForms = issueForms;
        this.times = times;
    }

    @GetMapping
    String form(Model model, HttpSession session) {
        TapPolicy policy = policies.current();
        model.addAttribute("batch", new IssueForm("", String.valueOf(policy.defaultLifetimeInMinutes()),
                policy.isUsableOnce(), null));
        return render(policy, List.of(), model, session);
    }

    @PostMapping
    String issue(@ModelAttribute("batch") IssueForm form, BindingResult errors,
                 @RequestParam(name = "file", required = false) MultipartFile file,
                 @AuthenticationPrincipal CurrentUser user, Model model, HttpSession session,
                 HttpServletResponse response) throws IOException {
        List<LineProblem> lineProblems = new ArrayList<>();
        if (!issueForms.spend(session, form.formId())) {
            errors.reject("batch.formSpent");
        } else {
            IssueRequest request = form.toRequest(times, errors);
            List<BatchCsv.Row> rows = List.of();
            try {
                rows = BatchCsv.read(contentOf(file));
            } catch (InvalidInputException e) {
                errors.reject(e.messageCode());
            }
            if (!errors.hasErrors()) {
                try {
                    List<Issued> issued = batches.issue(
                            rows.stream().map(r -> new Recipient(null, r.email())).toList(), request, user);
                    download(issued, response);
                    return null;
                } catch (BatchRefusedException e) {
                    IssueForm.reject(new InvalidInputException(e.settings().isEmpty()
                            ? List.of(new InvalidInputException.Problem(null, "batch.refused")) : e.settings()), errors);
                    List<BatchCsv.Row> lines = rows;
                    e.entries().forEach(p -> lineProblems.add(new LineProblem(lines.get(p.index()).line(), p.messageCode())));
                }
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return render(policies.current(), lineProblems, model, session);
    }

    private static byte[] contentOf(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            return null;
        }
        if (file.getSize() > BatchCsv.MAX_BYTES) {
            throw new InvalidInputException("file", "batch.file.tooLarge");
        }
        return file.getBytes();
    }

    private String render(TapPolicy policy, List<LineProblem> lineProblems, Model model, HttpSession session) {
        model.addAttribute("policy", policy);
        model.addAttribute("lineProblems", lineProblems);
        model.addAttribute("formId", issueForms.open(session));
        model.addAttribute("maxPeople", PassBatches.MAX_PEOPLE);
        return "passes/batch";
    }

    private void download(List<Issued> issued, HttpServletResponse response) throws IOException {
        StringBuilder csv = new StringBuilder(Csv.row("email", "name", "temporary_access_pass", "start", "end",
                "lifetime_minutes", "one_time", "sign_in_at"));
        String signInAt = ServletUriComponentsBuilder.fromCurrentContextPath().path("/login/tap").toUriString();
        for (Issued i : issued) {
            IssuedPass pass = i.pass();
            csv.append(Csv.row(i.account().email(), i.account().displayName(), pass.grouped(),
                    pass.startsAt().toString(), pass.endsAt().toString(),
                    String.valueOf(Duration.between(pass.startsAt(), pass.endsAt()).toMinutes()),
                    pass.usableOnce() ? "yes" : "no", signInAt));
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"temporary-access-passes.csv\"");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
