// The list view: one row per event; a click (or Enter) opens the event panel.
import { el, place } from "./dom.js";
import { colourOf } from "./types.js";

export function renderRows(tbody, events, onOpen, selected = null) {
  tbody.replaceChildren(...events.map((event) => {
    const open = () => onOpen(event.id);
    return el("tr", {
      tabindex: 0, testid: "event-row", "data-event-id": event.id, onclick: open, class: event.id === selected ? "selected" : null,
      onkeydown: (e) => { if (e.key === "Enter") open(); },
    },
    el("td", { class: "nowrap" }, event.event_date || "undated"),
    el("td", {}, el("span", { class: "dot", style: `background:${colourOf(event.event_type)}` }),
      el("span", { title: event.event_type }, event.sub_event_type || event.event_type)),
    el("td", {}, place(event) || "—"),
    el("td", { class: "actors" }, [event.actor1, event.actor2].filter(Boolean).join(" vs ") || "—"),
    el("td", { class: "num" }, event.fatalities ?? 0),
    el("td", { class: "num" }, event.n_sources));
  }));
  if (!events.length) tbody.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No events match the filters.")));
}

export function markSelected(tbody, eventId) {
  for (const row of tbody.rows) row.classList.toggle("selected", row.dataset.eventId === eventId);
}
