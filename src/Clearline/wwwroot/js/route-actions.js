// Routes and takedown: the reason list offers only the reasons of the chosen action (the catalogue the server
// checks again). Without this script every reason shows, grouped by action, and the server refuses a mismatch.
// The same for the routes list's form that acts on several content URLs at once.
(function () {
    "use strict";
    [["#action-form", "Input"], ["#batch-form", "Batch"]].forEach(function (form) {
        var kind = document.querySelector(form[0] + " select[name='" + form[1] + ".Kind']");
        var reason = document.querySelector(form[0] + " select[name='" + form[1] + ".Reason']");
        if (kind && reason) {
            follow(kind, reason);
        }
    });

    function follow(kind, reason) {
        function filter() {
            var chosen = kind.value;
            Array.prototype.forEach.call(reason.querySelectorAll("optgroup"), function (group) {
                var matches = !chosen || group.getAttribute("data-kind") === chosen;
                group.hidden = !matches;
                group.disabled = !matches;
            });
            var selected = reason.selectedOptions[0];
            if (selected && selected.parentElement.disabled) {
                reason.value = "";
            }
        }

        kind.addEventListener("change", filter);
        filter();
    }
})();
