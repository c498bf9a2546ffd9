package org.helpdesk.accounts;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.helpdesk.accounts.InvalidInputException.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * People through the API, with the console's rules: admins and managers list and create people, anyone reads
 * their own account, admins enable and disable. The service checks every role.
 */
@RestController
@RequestMapping(UsersApiController.PATH)
class UsersApiController {

    static final String PATH = "/api/v1/users";
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    /** A new person; {@code kind} is agent or contact, {@code role} admin, manager or agent (agents only). */
    record NewUser(String mail, String displayName, String kind, String role, String userType) {
    }

    /** The changes of a PATCH; a field left out, or null, stays as it is. */
    record UserChanges(String displayName, Boolean accountEnabled) {
    }

    record UserList(List<UserResource> value, int page, int size, long totalCount) {
    }

    private final Accounts accounts;

    UsersApiController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    UserList listUsers(@RequestParam(required = false) String kind, @RequestParam(required = false) String q,
                  @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                  @AuthenticationPrincipal CurrentUser user) {
        List<Problem> problems = new ArrayList<>();
        AccountKind filter = kind == null ? null : parseKind(kind);
        if (kind != null && filter == null) {
            problems.add(new Problem("kind", "account.kind.required"));
        }
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageNumber < 0) {
            problems.add(new Problem("page", "api.page"));
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            problems.add(new Problem("size", "api.size"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ResultPage<Account> found = accounts.search(filter, q, pageNumber, pageSize, user);
        return new UserList(found.items().stream().map(UserResource::of).toList(), found.page(), found.size(),
                found.total());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<UserResource> createUser(@RequestBody NewUser body, @AuthenticationPrincipal CurrentUser user) {
        List<Problem> problems = new ArrayList<>();
        AccountKind kind = body.kind() == null ? null : parseKind(body.kind());
        if (kind == null) {
            problems.add(new Problem("kind", "account.kind.required"));
        }
        Role role = null;
        if (kind == AccountKind.AGENT) {
            role = parseRole(body.role());
            if (role == null) {
                problems.add(new Problem("role", "account.role.required"));
            }
        } else if (kind == AccountKind.CONTACT && body.role() != null) {
            problems.add(new Problem("role", "api.role.contact"));
        }
        Boolean guest = body.userType() == null ? Boolean.FALSE : parseUserType(body.userType());
        if (guest == null) {
            problems.add(new Problem("userType", "api.userType"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Account created;
        try {
            created = accounts.create(new NewAccount(body.mail(), body.displayName(), kind, role, guest), user);
        } catch (InvalidInputException e) {
            throw renamed(e);
        }
        return ResponseEntity.created(URI.create(PATH + "/" + created.id())).body(UserResource.of(created));
    }

    @GetMapping("/{id}")
    UserResource getUser(@PathVariable long id, @AuthenticationPrincipal CurrentUser user) {
        return UserResource.of(accounts.findVisibleTo(id, user));
    }

    @PatchMapping("/{id}")
    UserResource updateUser(@PathVariable long id, @RequestBody UserChanges body, @AuthenticationPrincipal CurrentUser user) {
        return UserResource.of(accounts.update(id, new AccountChanges(body.displayName(), body.accountEnabled()), user));
    }

    /** The service names the email field as the console does; the API calls it {@code mail}. */
    private static InvalidInputException renamed(InvalidInputException e) {
        return new InvalidInputException(e.problems().stream()
                .map(p -> "email".equals(p.field()) ? new Problem("mail", p.messageCode()) : p).toList());
    }

    private static AccountKind parseKind(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "agent" -> AccountKind.AGENT;
            case "contact" -> AccountKind.CONTACT;
            default -> null;
        };
    }

    private static Role parseRole(String value) {
        return value == null ? null : switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "manager" -> Role.MANAGER;
            case "agent" -> Role.AGENT;
            default -> null;
        };
    }

    private static Boolean parseUserType(String value) {
        if (UserResource.MEMBER.equalsIgnoreCase(value.strip())) {
            return false;
        }
        return UserResource.GUEST.equalsIgnoreCase(value.strip()) ? Boolean.TRUE : null;
    }
}
