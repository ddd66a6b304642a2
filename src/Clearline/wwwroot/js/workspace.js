// The classification workspace's keyboard layer. Every action is an ordinary form button or link on the page;
// this script only presses them from the keyboard, moves the focus between tiles, shows reveals in a dialog and
// sends the wellbeing heartbeat. Without it the page works with the mouse and the forms alone.
(() => {
    "use strict";

    const grid = document.getElementById("queue-grid");
    const form = document.getElementById("queue-form") ?? document.getElementById("item-form");
    const dialog = document.getElementById("reveal-dialog");
    const focusKey = "clearline.workspace.focus";
    if (!form) {
        return;
    }

    const token = () => form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
    const tiles = () => grid ? Array.from(grid.querySelectorAll(".tile")) : [];
    const status = (text) => {
        const line = document.getElementById("workspace-status");
        if (line) {
            line.textContent = text;
        }
    };

    // Roving focus: one tile is in the tab order; the arrows move it.
    let current = 0;
    const focusTile = (index) => {
        const all = tiles();
        if (all.length === 0) {
            return;
        }

        current = Math.max(0, Math.min(index, all.length - 1));
        all.forEach((tile, i) => tile.setAttribute("tabindex", i === current ? "0" : "-1"));
        all[current].focus();
    };

    const columns = () => {
        const all = tiles();
        if (all.length < 2) {
            return 1;
        }

        const top = all[0].offsetTop;
        const index = all.findIndex((tile) => tile.offsetTop !== top);
        return index === -1 ? all.length : index;
    };

    const focused = () => tiles()[current];

    const toggle = (tile) => {
        const box = tile?.querySelector(".tile__checkbox");
        if (box) {
            box.checked = !box.checked;
            status(`${tiles().filter((t) => t.querySelector(".tile__checkbox:checked")).length} selected`);
        }
    };

    // A decision acts on the selection, or on the focused tile when nothing is selected.
    const press = (buttonId) => {
        const button = document.getElementById(buttonId);
        if (!button) {
            return;
        }

        if (buttonId !== "decision-undo" && !grid?.querySelector(".tile__checkbox:checked")) {
            const box = focused()?.querySelector(".tile__checkbox");
            if (!box) {
                status("Nothing to decide: the queue is empty.");
                return;
            }

            box.checked = true;
        }

        sessionStorage.setItem(focusKey, String(current));
        form.requestSubmit(button);
    };

    const setSelect = (id, key) => {
        const select = document.getElementById(id);
        const option = select && Array.from(select.options).find((o) => o.dataset.key === key);
        if (option) {
            select.value = option.value;
            status(`${select.labels[0]?.textContent ?? ""}: ${option.textContent} for the next decision`);
            return true;
        }

        return false;
    };

    const toggleFlag = (key) => {
        const box = form.querySelector(`input[name="Input.Flags"][data-key="${key}"]`);
        if (box) {
            box.checked = !box.checked;
            status(`${box.parentElement.textContent.trim()}: ${box.checked ? "on" : "off"} for the next decision`);
            return true;
        }

        return false;
    };

    const counter = (id, value) => {
        const element = document.getElementById(id);
        if (element) {
            element.textContent = String(value);
        }
    };

    // The reveal: only on an explicit R or Reveal, fetched with the form's token, shown in a dialog, dropped on close.
    let revealedUrl = null;
    const reveal = async (sha256, returnFocus) => {
        if (!dialog || !form.dataset.reveal || !form.querySelector("[data-action=reveal]")) {
            status("You may not reveal items.");
            return;
        }

        const body = new FormData();
        body.append("item", sha256);
        body.append("__RequestVerificationToken", token());
        const response = await fetch(form.dataset.reveal, { method: "POST", body, credentials: "same-origin" });
        if (!response.ok) {
            status(`Reveal refused (${response.status}).`);
            return;
        }

        const blob = await response.blob();
        revealedUrl = URL.createObjectURL(blob);
        const place = document.getElementById("reveal-body");
        place.replaceChildren();
        if (blob.type.startsWith("image/")) {
            const image = document.createElement("img");
            image.src = revealedUrl;
            image.alt = `Revealed item ${sha256.slice(0, 12)}`;
            place.append(image);
        } else {
            // Videos are never played here; the analyst may save the file and open it deliberately.
            const link = document.createElement("a");
            link.href = revealedUrl;
            link.download = sha256;
            link.textContent = "Save the revealed video (it is not played here)";
            place.append(link);
        }

        document.getElementById("reveal-title").textContent = `Revealed item ${sha256.slice(0, 12)}`;
        const reveals = document.getElementById("wellbeing-reveals");
        if (reveals) {
            reveals.textContent = String(Number(reveals.textContent) + 1);
        }

        status(`Revealed item ${sha256.slice(0, 12)} (audited). Esc closes it.`);
        dialog.addEventListener("close", () => {
            URL.revokeObjectURL(revealedUrl);
            place.replaceChildren();
            // The close event comes a moment after the dialog has closed and the browser has given focus back; a
            // fast typist may have moved on to another tile by then, so focus is only returned if it went nowhere.
            if (!form.contains(document.activeElement)) {
                returnFocus?.focus();
            }
        }, { once: true });
        dialog.showModal();
    };

    form.addEventListener("click", (event) => {
        const button = event.target.closest("[data-action=reveal]");
        if (button) {
            event.preventDefault();
            reveal(button.value, button);
        }
    });

    const keys = {
        ArrowLeft: () => focusTile(current - 1), h: () => focusTile(current - 1),
        ArrowRight: () => focusTile(current + 1), l: () => focusTile(current + 1),
        ArrowUp: () => focusTile(current - columns()), k: () => focusTile(current - columns()),
        ArrowDown: () => focusTile(current + columns()), j: () => focusTile(current + columns()),
        Home: () => focusTile(0), End: () => focusTile(tiles().length - 1),
        " ": () => toggle(focused()), x: () => toggle(focused()),
        s: () => focusTile(current + 1),
        b: () => press("verdict-baseline"), n: () => press("verdict-national"), i: () => press("verdict-not-illegal"),
        u: () => press("decision-unsure"), z: () => press("decision-undo"),
        r: () => focused() && reveal(focused().dataset.sha256, focused()),
        Enter: () => focused()?.querySelector("[data-action=open]")?.click(),
    };

    document.addEventListener("keydown", (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || dialog?.open) {
            return;
        }

        const target = event.target;
        const typing = target.matches?.("input:not([type=checkbox]), select, textarea, [contenteditable]");
        if (typing || (target.matches?.("input[type=checkbox], button, a") && (event.key === " " || event.key === "Enter"))) {
            return;
        }

        const tile = target.closest?.(".tile");
        if (tile && grid?.contains(tile)) {
            current = tiles().indexOf(tile);
        }

        const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
        if (Object.hasOwn(keys, key)) {
            keys[key]();
            event.preventDefault();
        } else if (setSelect("decision-age", key) || setSelect("decision-gender", key) || toggleFlag(key)) {
            event.preventDefault();
        }
    });

    // The wellbeing heartbeat: once a minute while the page is visible; the server counts each minute once.
    const heartbeat = async () => {
        if (!form.dataset.heartbeat || document.visibilityState !== "visible") {
            return;
        }

        const response = await fetch(form.dataset.heartbeat, {
            method: "POST", credentials: "same-origin", headers: { RequestVerificationToken: token() },
        });
        if (response.ok) {
            const today = await response.json();
            counter("wellbeing-reveals", today.reveals);
            counter("wellbeing-minutes", today.minutes);
            const reminder = document.getElementById("wellbeing-reminder");
            if (reminder && today.overLimit && reminder.textContent === "") {
                reminder.textContent = reminder.dataset.reminder;
            }
        }
    };

    heartbeat();
    setInterval(heartbeat, 60_000);
    document.addEventListener("visibilitychange", heartbeat);

    const kept = sessionStorage.getItem(focusKey);
    sessionStorage.removeItem(focusKey);
    if (tiles().length > 0) {
        focusTile(kept === null ? 0 : Number(kept));
    }
})();
