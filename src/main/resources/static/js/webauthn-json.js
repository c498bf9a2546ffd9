// What both passkey scripts share: base64url to and from the bytes WebAuthn uses, and JSON posts that carry the
// page's CSRF token as a header.
window.helpdeskWebAuthn = (function () {
    var encode = function (buffer) {
        var bytes = new Uint8Array(buffer);
        var text = '';
        for (var i = 0; i < bytes.length; i++) {
            text += String.fromCharCode(bytes[i]);
        }
        return window.btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    };

    var decode = function (value) {
        var base64 = value.replace(/-/g, '+').replace(/_/g, '/');
        var text = window.atob(base64);
        var bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) {
            bytes[i] = text.charCodeAt(i);
        }
        return bytes.buffer;
    };

    var post = function (url, csrfHeader, csrfToken, body) {
        var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
        if (csrfHeader && csrfToken) {
            headers[csrfHeader] = csrfToken;
        }
        return fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: headers,
            body: body === undefined ? undefined : JSON.stringify(body)
        });
    };

    var readJson = function (response) {
        return response.json().catch(function () {
            return {};
        });
    };

    var supported = function () {
        return !!(window.PublicKeyCredential && navigator.credentials && navigator.credentials.create);
    };

    // the person closed the browser's dialog, or it timed out
    var cancelled = function (error) {
        return error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
    };

    return {encode: encode, decode: decode, post: post, readJson: readJson, supported: supported, cancelled: cancelled};
})();
