// Copy button of the pass shown once: copies the pass and says so, in the status region next to it, to sighted
// and screen-reader users alike. Where the Clipboard API is missing or refused (no secure context, no permission),
// the pass is selected and copied the older way; if that fails too, it stays selected and the status says so.
document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    var target = document.getElementById(button.getAttribute('data-copy-target'));
    var status = document.getElementById(button.getAttribute('data-status'));

    var announce = function (message) {
        if (!status) {
            return;
        }
        // emptied first, so that copying a second time is announced a second time
        status.textContent = '';
        window.setTimeout(function () {
            status.textContent = message;
        }, 100);
    };

    var selectPass = function () {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return selection;
    };

    var copyBySelection = function () {
        var selection = selectPass();
        var copied = false;
        try {
            copied = document.execCommand('copy');
        } catch (e) {
            copied = false;
        }
        if (copied) {
            selection.removeAllRanges();
            announce(button.getAttribute('data-copied'));
        } else {
            announce(button.getAttribute('data-copy-failed'));
        }
    };

    button.addEventListener('click', function () {
        var text = target.textContent.trim();
        if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () {
                announce(button.getAttribute('data-copied'));
            }, copyBySelection);
        } else {
            copyBySelection();
        }
    });
});
