// The Passkeys section of the Authentication tab: adds a passkey with the browser's WebAuthn dialog through
// /webauthn/register/options and /webauthn/register, and asks before a passkey is removed. Every outcome the
// person must know about (not supported, cancelled, refused) is written to the section's alert region.
(function () {
    var web = window.helpdeskWebAuthn;
    var form = document.getElementById('passkey-add');

    document.querySelectorAll('form[data-confirm]').forEach(function (removeForm) {
        removeForm.addEventListener('submit', function (event) {
            if (!window.confirm(removeForm.getAttribute('data-confirm'))) {
                event.preventDefault();
            }
        });
    });

    if (!form || !web) {
        return;
    }
    var status = document.getElementById('passkey-status');
    var label = document.getElementById('passkey-label');
    var button = form.querySelector('button[type="submit"]');
    var csrfHeader = form.getAttribute('data-csrf-header');
    var csrfInput = form.querySelector('input[name="_csrf"]');
    var csrfToken = csrfInput ? csrfInput.value : null;
    var base = form.getAttribute('action').replace(/\/webauthn\/register$/, '');

    var show = function (message, problem) {
        status.textContent = message;
        status.className = problem ? 'problem' : 'notice';
        status.hidden = false;
        label.setAttribute('aria-describedby', 'passkey-label-hint passkey-status');
        if (problem) {
            label.setAttribute('aria-invalid', 'true');
        }
    };

    var clear = function () {
        status.hidden = true;
        status.textContent = '';
        label.removeAttribute('aria-invalid');
        label.setAttribute('aria-describedby', 'passkey-label-hint');
    };

    var refused = function (response) {
        return web.readJson(response).then(function (body) {
            throw {shown: body && body.message ? body.message : form.getAttribute('data-failed')};
        });
    };

    var register = function (name) {
        return web.post(base + '/webauthn/register/options', csrfHeader, csrfToken).then(function (response) {
            if (!response.ok) {
                return refused(response);
            }
            return response.json();
        }).then(function (options) {
            var publicKey = Object.assign({}, options, {
                challenge: web.decode(options.challenge),
                user: Object.assign({}, options.user, {id: web.decode(options.user.id)}),
                excludeCredentials: (options.excludeCredentials || []).map(function (c) {
                    return Object.assign({}, c, {id: web.decode(c.id)});
                })
            });
            return navigator.credentials.create({publicKey: publicKey});
        }).then(function (credential) {
            var response = credential.response;
            return web.post(base + '/webauthn/register', csrfHeader, csrfToken, {
                publicKey: {
                    credential: {
                        id: credential.id,
                        rawId: web.encode(credential.rawId),
                        response: {
                            attestationObject: web.encode(response.attestationObject),
                            clientDataJSON: web.encode(response.clientDataJSON),
                            transports: response.getTransports ? response.getTransports() : []
                        },
                        type: credential.type,
                        clientExtensionResults: credential.getClientExtensionResults(),
                        authenticatorAttachment: credential.authenticatorAttachment
                    },
                    label: name
                }
            });
        }).then(function (response) {
            if (!response.ok) {
                return refused(response);
            }
            return response.json();
        }).then(function (body) {
            if (!body || !body.success) {
                throw {shown: form.getAttribute('data-failed')};
            }
        });
    };

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        clear();
        if (!web.supported()) {
            show(form.getAttribute('data-unsupported'), true);
            return;
        }
        var name = label.value.trim();
        if (!name) {
            show(form.getAttribute('data-label-required'), true);
            label.focus();
            return;
        }
        if (name.length > 64) {
            show(form.getAttribute('data-label-invalid'), true);
            label.focus();
            return;
        }
        button.disabled = true;
        show(form.getAttribute('data-working'), false);
        register(name).then(function () {
            window.location.href = form.getAttribute('data-done');
        }).catch(function (error) {
            button.disabled = false;
            if (error && error.shown) {
                show(error.shown, true);
            } else if (web.cancelled(error)) {
                show(form.getAttribute('data-cancelled'), true);
            } else {
                show(form.getAttribute('data-failed'), true);
            }
            label.focus();
        });
    });
})();
