// Routes and takedown: the reason list offers only the reasons of the chosen action (the catalogue the server
// checks again). Without this script every reason shows, grouped by action, and the server refuses a mismatch.
(function () {
    "use strict";
    var kind = document.querySelector("#action-form select[name='Input.Kind']");
    var reason = document.querySelector("#action-form select[name='Input.Reason']");
    if (!kind || !reason) {
        return;
    }

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
})();
