// "Sign in with a passkey" on the sign-in page: asks the browser for any passkey of this site (no email needed)
// through /webauthn/authenticate/options and /login/webauthn. A refused passkey leads to the page's usual sign-in
// failure; a browser without passkeys, or a cancelled dialog, is said next to the button.
(function () {
    var web = window.helpdeskWebAuthn;
    var button = document.getElementById('passkey-sign-in');
    if (!button || !web) {
        return;
    }
    var status = document.getElementById('passkey-status');
    var csrfInput = document.querySelector('main form input[name="_csrf"]');
    var csrfToken = csrfInput ? csrfInput.value : null;
    var csrfHeader = button.getAttribute('data-csrf-header');

    var show = function (message) {
        status.textContent = message;
        status.hidden = false;
    };

    var failed = function () {
        window.location.href = button.getAttribute('data-failed');
    };

    button.addEventListener('click', function () {
        status.hidden = true;
        if (!(window.PublicKeyCredential && navigator.credentials && navigator.credentials.get)) {
            show(button.getAttribute('data-unsupported'));
            return;
        }
        button.disabled = true;
        web.post(button.getAttribute('data-options'), csrfHeader, csrfToken).then(function (response) {
            if (!response.ok) {
                throw {server: true};
            }
            return response.json();
        }).then(function (options) {
            var publicKey = Object.assign({}, options, {
                challenge: web.decode(options.challenge),
                allowCredentials: (options.allowCredentials || []).map(function (c) {
                    return Object.assign({}, c, {id: web.decode(c.id)});
                })
            });
            return navigator.credentials.get({publicKey: publicKey});
        }).then(function (credential) {
            var response = credential.response;
            return web.post(button.getAttribute('data-sign-in'), csrfHeader, csrfToken, {
                id: credential.id,
                rawId: web.encode(credential.rawId),
                response: {
                    authenticatorData: web.encode(response.authenticatorData),
                    clientDataJSON: web.encode(response.clientDataJSON),
                    signature: web.encode(response.signature),
                    userHandle: response.userHandle ? web.encode(response.userHandle) : undefined
                },
                credType: credential.type,
                clientExtensionResults: credential.getClientExtensionResults(),
                authenticatorAttachment: credential.authenticatorAttachment
            });
        }).then(function (response) {
            if (!response.ok) {
                throw {server: true};
            }
            return response.json();
        }).then(function (body) {
            if (body && body.authenticated && body.redirectUrl) {
                window.location.href = body.redirectUrl;
            } else {
                failed();
            }
        }).catch(function (error) {
            button.disabled = false;
            if (web.cancelled(error)) {
                show(button.getAttribute('data-cancelled'));
            } else {
                failed();
            }
        });
    });
})();
