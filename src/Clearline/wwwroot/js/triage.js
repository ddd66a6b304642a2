// The triage queue's keyboard layer. Every action is an ordinary form button on the page; this script only presses
// the focused row's button for a key (A accept; N, D, F, O, U close with a reason) and moves the focus between rows
// (arrows, J and K). Without it the page works with the buttons alone.
(() => {
    "use strict";

    const list = document.getElementById("triage-list");
    const focusKey = "clearline.triage.focus";
    if (!list) {
        return;
    }

    const rows = () => Array.from(list.querySelectorAll("[data-triage-row]"));
    let current = 0;

    const focusRow = (index) => {
        const all = rows();
        if (all.length === 0) {
            return;
        }

        current = Math.max(0, Math.min(index, all.length - 1));
        all.forEach((row, i) => row.setAttribute("tabindex", i === current ? "0" : "-1"));
        all[current].focus();
    };

    // Typing in a field (the context for accepting) is typing, not a decision.
    const typing = (target) => target instanceof HTMLElement && target.closest("input, select, textarea, summary") !== null;

    list.addEventListener("focusin", (event) => {
        const row = event.target instanceof HTMLElement ? event.target.closest("[data-triage-row]") : null;
        const index = row ? rows().indexOf(row) : -1;
        if (index >= 0) {
            current = index;
        }
    });

    document.addEventListener("keydown", (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
            return;
        }

        const key = event.key.toLowerCase();
        if (key === "arrowdown" || key === "j") {
            event.preventDefault();
            focusRow(current + 1);
            return;
        }

        if (key === "arrowup" || key === "k") {
            event.preventDefault();
            focusRow(current - 1);
            return;
        }

        const row = rows()[current];
        const button = row?.querySelector(`button[data-key="${key}"]`);
        if (!button) {
            return;
        }

        event.preventDefault();
        sessionStorage.setItem(focusKey, String(current));
        button.form.requestSubmit(button);
    });

    const stored = Number.parseInt(sessionStorage.getItem(focusKey) ?? "0", 10);
    sessionStorage.removeItem(focusKey);
    focusRow(Number.isNaN(stored) ? 0 : stored);
})();
