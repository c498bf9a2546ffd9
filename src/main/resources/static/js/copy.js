// Copy button of the pass shown once: copies the pass and says so to sighted and screen-reader users alike.
document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    button.addEventListener('click', function () {
        var target = document.getElementById(button.getAttribute('data-copy-target'));
        var status = document.getElementById('copy-status');
        var text = target.textContent.trim();
        var done = function () {
            if (status) {
                status.textContent = button.getAttribute('data-copied');
            }
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(done);
        } else {
            var range = document.createRange();
            range.selectNodeContents(target);
            var selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.execCommand('copy');
            selection.removeAllRanges();
            done();
        }
    });
});
