// The analyst's daily loop: the sub-event-type filter, "new since your last visit", the
// "download this view" links, and the saved searches with their Atom feeds.
import { query } from "./api.js";
import { el } from "./dom.js";

const VISIT_KEY = "eventwatch.lastVisit";

// The sub-event types (from /config) of the chosen event type, grouped by type.
export function fillSubTypes(select, typeSelect, subTypes) {
  const render = () => {
    const keep = select.value;
    const groups = Object.entries(subTypes || {}).filter(([type]) => !typeSelect.value || type === typeSelect.value);
    select.replaceChildren(el("option", { value: "" }, "All sub-event types"),
      ...groups.map(([type, subs]) => el("optgroup", { label: type }, ...subs.map((s) => el("option", { value: s }, s)))));
    select.value = [...select.options].some((o) => o.value === keep) ? keep : "";
  };
  render();
  typeSelect.addEventListener("change", render);
  select.form.addEventListener("reset", () => setTimeout(render, 0));
  return render;
}

// The time of the previous visit (null on the first), and this visit recorded for the next.
export function previousVisit(storage = window.localStorage) {
  let before = null;
  try {
    before = storage.getItem(VISIT_KEY);
    storage.setItem(VISIT_KEY, new Date().toISOString());
  } catch {
    return null; // storage off (private mode): nothing is marked
  }
  const time = before ? Date.parse(before) : NaN;
  return Number.isFinite(time) ? time : null;
}

// "new" (stored after the previous visit) or "updated" (changed after it), else null.
export function freshness(event, since) {
  if (since === null) return null;
  if (event.first_seen && Date.parse(event.first_seen) > since) return "new";
  if (event.last_updated && Date.parse(event.last_updated) > since) return "updated";
  return null;
}

// Badges on the list's rows and the count in the top bar.
export function markNew(tbody, counter, events, since) {
  const byId = new Map(events.map((event) => [event.id, freshness(event, since)]));
  let fresh = 0;
  for (const row of tbody.rows) {
    const mark = byId.get(row.dataset.eventId);
    if (!mark) continue;
    fresh += 1;
    row.classList.add("fresh");
    row.cells[0].append(el("span", { class: `badge ${mark}`, testid: "new-badge", title: `${mark} since your last visit` }, mark));
  }
  counter.hidden = since === null;
  counter.textContent = `${fresh} new or updated since your last visit`;
}

// The CSV and GeoJSON exports of exactly the events shown (the same filters).
export function setDownloads(filters, links) {
  for (const [format, link] of Object.entries(links)) link.href = `/events.${format}${query(filters)}`;
}

export async function showSavedSearches(list) {
  let searches = [];
  try {
    const response = await fetch("/alerts", { headers: { Accept: "application/json" } });
    searches = response.ok ? await response.json() : [];
  } catch {
    searches = [];
  }
  list.replaceChildren(...searches.map((s) => el("li", { testid: "saved-search" },
    el("span", { title: JSON.stringify(s.filters) }, s.name),
    el("a", { href: `/${s.atom}`, class: "atom", testid: "atom-link", type: "application/atom+xml" }, "Atom"))));
  if (!searches.length) list.append(el("li", { class: "muted" }, "None yet: eventwatch alerts add NAME …"));
}
