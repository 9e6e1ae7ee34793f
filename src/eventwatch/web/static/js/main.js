// Dashboard entry point: reads the filters (kept in the page URL), loads /events and /stats
// with them, and draws the map, the timeline, the list and the event panel.
import { fillSubTypes, markNew, previousVisit, setDownloads, showSavedSearches } from "./analyst.js";
import { fetchConfig, fetchEvents, fetchStats, FILTER_NAMES } from "./api.js";
import { el } from "./dom.js";
import { markSelected, renderRows } from "./list.js";
import { EventMap } from "./map.js";
import { EventPanel } from "./panel.js";
import { Timeline } from "./timeline.js";
import { colourOf, EVENT_TYPES } from "./types.js";

const $ = (id) => document.getElementById(id);
const form = $("filters");
const status = $("status");

function setStatus(message, kind = "info") {
  status.hidden = !message;
  status.className = `status ${kind}`;
  status.textContent = message || "";
}

function readFilters() {
  const data = new FormData(form);
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, String(data.get(name) || "").trim()]));
}

function writeUrl(filters, sort, eventId) {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  if (sort !== "-event_date") params.set("sort", sort);
  if (eventId) params.set("event", eventId);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
}

function fillForm() {
  const params = new URLSearchParams(location.search);
  for (const name of [...FILTER_NAMES, "sort"]) {
    if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
  }
  return params.get("event");
}

function fillChoices(stats) {
  const countries = [...new Set(stats.by_admin1.map((r) => r.country).filter(Boolean))].sort();
  const regions = [...new Set(stats.by_admin1.map((r) => r.admin1).filter(Boolean))].sort();
  $("country-options").replaceChildren(...countries.map((c) => el("option", { value: c })));
  $("admin1-options").replaceChildren(...regions.map((r) => el("option", { value: r })));
}

function summarise(events, truncated) {
  const fatalities = events.reduce((sum, e) => sum + (e.fatalities || 0), 0);
  $("event-count").textContent = `${events.length}${truncated ? "+" : ""}`;
  $("fatality-count").textContent = String(fatalities);
  $("source-count").textContent = String(events.reduce((sum, e) => sum + (e.n_sources || 0), 0));
  for (const node of $("legend").querySelectorAll(".count")) {
    node.textContent = String(events.filter((e) => e.event_type === node.dataset.type).length);
  }
  $("list-note").textContent = truncated ? `(first ${events.length}; narrow the filters to see the rest)` : `(${events.length})`;
}

async function main() {
  for (const [name, colour] of EVENT_TYPES) {
    form.elements.event_type.append(el("option", { value: name }, name));
    $("legend").append(el("li", {}, el("span", { class: "dot", style: `background:${colourOf(name)}` }), name,
      el("span", { class: "count", "data-type": name }, "")));
  }
  const openEvent = (id) => {
    panel.open(id);
    markSelected($("event-rows"), id);
    writeUrl(readFilters(), form.elements.sort.value, id);
  };
  const config = await fetchConfig();
  const since = previousVisit();
  fillSubTypes(form.elements.sub_event_type, form.elements.event_type, config.sub_event_types);
  showSavedSearches($("saved-searches"));
  const map = new EventMap($("map"), config, openEvent, (bbox) => { form.elements.bbox.value = bbox; refresh(); });
  $("area-clear").addEventListener("click", () => { form.elements.bbox.value = ""; refresh(); });
  const timeline = new Timeline($("timeline"), (start, end) => {
    form.elements.start.value = start;
    form.elements.end.value = end;
    refresh();
  });
  const panel = new EventPanel($("panel"), $("panel-body"), $("panel-close"),
    () => { markSelected($("event-rows"), null); writeUrl(readFilters(), form.elements.sort.value, null); }, openEvent);

  async function refresh() {
    const filters = readFilters();
    const sort = form.elements.sort.value;
    writeUrl(filters, sort, panel.current);
    $("area").hidden = !filters.bbox;
    $("area-box").textContent = filters.bbox ? `(${filters.bbox.replaceAll(",", ", ")})` : "";
    setStatus("Loading events…");
    document.body.dataset.loading = "true";
    try {
      const [{ items, truncated }, stats] = await Promise.all([fetchEvents(filters, sort, config.page_size || 100), fetchStats(filters)]);
      const placed = map.show(items, !filters.bbox);
      timeline.show(stats.by_day_type);
      renderRows($("event-rows"), items, openEvent, panel.current);
      markNew($("event-rows"), $("new-since"), items, since);
      setDownloads(filters, { csv: $("download-csv"), geojson: $("download-geojson") });
      $("timeline-title").textContent = `Events per ${$("timeline").dataset.unit || "day"}, by type`;
      summarise(items, truncated);
      setStatus(items.length && placed < items.length ? `${items.length - placed} event(s) have no coordinates and are only in the list.` : "");
    } catch (err) {
      setStatus(`Could not load events: ${err.message}`, "error");
    } finally {
      document.body.dataset.loading = "false";
    }
  }

  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("panel").hidden) $("panel-close").click(); });
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  for (const name of ["event_type", "sub_event_type", "stance", "sort", "start", "end"]) {
    form.elements[name].addEventListener("change", refresh);
  }

  const eventId = fillForm();
  fetchStats({}).then(fillChoices).catch(() => {});
  await refresh();
  if (eventId) openEvent(eventId);
}

window.addEventListener("DOMContentLoaded", main);
