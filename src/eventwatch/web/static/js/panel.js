// The event panel: fields, sources, claims, disagreements between sources, the site's
// history and each source article with the evidence for this event highlighted.
import { fetchArticle, fetchEvent, fetchSite } from "./api.js";
import { append, el, humanise, place, safeLink } from "./dom.js";
import { highlighted } from "./highlight.js";
import { colourOf } from "./types.js";

const PRECISION = { 1: "day", 2: "week", 3: "month" };
const GEO_PRECISION = { 1: "town", 2: "near / part of region", 3: "region only" };

// A field value as a reader would say it (precision codes as words).
function shown(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "time_precision") return PRECISION[value] || String(value);
  if (field === "geo_precision") return GEO_PRECISION[value] || String(value);
  return String(value);
}

function section(title, testid, ...body) {
  return el("section", { class: "panel-section", testid }, el("h3", {}, title), ...body);
}

function fieldList(event) {
  const rows = [
    ["Date", event.event_date ? `${event.event_date} (precise to the ${PRECISION[event.time_precision] || "?"})` : "undated"],
    ["Reported as", event.date_phrase],
    ["Disorder type", event.disorder_type],
    ["Actor 1", event.actor1], ["Associated", event.assoc_actor_1],
    ["Actor 2", event.actor2], ["Associated ", event.assoc_actor_2],
    ["Place", [place(event), event.admin2].filter(Boolean).join(" · ")],
    ["Coordinates", event.latitude == null ? null
      : `${event.latitude.toFixed(4)}, ${event.longitude.toFixed(4)} (${GEO_PRECISION[event.geo_precision] || "?"})`],
    ["Fatalities", event.fatalities], ["Injuries", event.injuries],
    ["Weapon", event.weapon_kind], ["Launched", event.weapon_launched], ["Intercepted", event.weapon_intercepted],
    ["Site", event.site], ["Confidence", event.confidence == null ? null : Number(event.confidence).toFixed(2)],
    ["Version", event.version], ["First seen", event.first_seen], ["Last updated", event.last_updated],
  ];
  return el("dl", { class: "fields" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [el("dt", {}, k.trim()), el("dd", {}, String(v))]));
}

function sources(event) {
  return section(`Sources (${event.sources.length})`, "panel-sources", el("ul", { class: "sources" },
    event.sources.map((s) => el("li", { testid: "source-item" },
      el("strong", {}, s.outlet || "unknown outlet"), " — ", safeLink(s.url, s.title || s.url || s.article_id),
      s.published_at ? el("span", { class: "muted" }, ` · ${s.published_at.slice(0, 10)}`) : null,
      s.copy_of ? el("span", { class: "muted" }, " · a copy of another source, not independent") : null))));
}

// How well the event is corroborated: independent outlets (a wire story once), what each
// side's officials say, the range of fatality figures.
function corroboration(event) {
  const c = event.corroboration;
  if (!c) return null;
  const items = [
    `${c.independent_outlets.length} independent outlet(s) in ${c.reports} report(s): ${c.independent_outlets.join(", ")}`,
    ...c.copies.map((copy) => `${copy.outlet} republished ${copy.copied_from}'s story (counted once)`),
    c.fatalities_low !== null && c.fatalities_low !== c.fatalities_high
      ? `fatalities reported: ${c.fatalities_low} to ${c.fatalities_high} (the event keeps the lowest)` : null,
  ].filter(Boolean).map((text) => el("li", {}, text));
  const sides = c.sides.map((side) => el("li", {}, el("strong", {}, side.side), " ",
    el("span", { class: `verdict verdict-${side.verdict.replace(" ", "-")}` }, side.verdict),
    el("span", { class: "muted" }, ` (${side.speakers.join("; ")})`)));
  return section("Corroboration", "panel-corroboration", el("ul", {}, items, sides));
}

function claims(event) {
  if (!event.claims.length) return null;
  return section("Claims", "panel-claims", el("ul", { class: "claims" }, event.claims.map((c) => el("li", {},
    el("strong", {}, c.speaker || "unnamed speaker"), " ", el("span", { class: `stance stance-${c.stance}` }, humanise(c.stance)),
    c.subject ? ` ${c.subject}` : "", el("span", { class: "muted" }, c.outlet ? ` (${c.outlet})` : ""),
    c.evidence && c.evidence.quote ? el("blockquote", {}, c.evidence.quote) : null))));
}

function disagreements(event, outletOf) {
  const differs = (byArticle) => new Set(Object.values(byArticle).map((v) => JSON.stringify(v))).size > 1;
  const fields = Object.entries(event.values_by_source || {}).filter(([, byArticle]) => differs(byArticle));
  if (!fields.length) return null;
  const rows = fields.flatMap(([field, byArticle]) => Object.entries(byArticle).map(([articleId, value], i) =>
    el("tr", {}, i === 0 ? el("th", { rowspan: Object.keys(byArticle).length }, humanise(field)) : null,
      el("td", {}, outletOf(articleId)), el("td", {}, shown(field, value)))));
  return section("Where sources disagree", "panel-disagreements",
    el("table", { class: "compact" }, el("thead", {}, el("tr", {}, el("th", {}, "Field"), el("th", {}, "Source"),
      el("th", {}, "Value"))), el("tbody", {}, rows)));
}

function links(event, open) {
  if (!event.links || !event.links.length) return null;
  return section("Linked events", "panel-links", el("ul", {}, event.links.map((link) => el("li", {}, `${humanise(link.kind)}: `,
    el("a", { href: "#", onclick: (e) => { e.preventDefault(); open(link.event_id); } }, link.event_id.slice(0, 12))))));
}

function versions(event) {
  if (!event.versions || !event.versions.length) return null;
  return section("History of this record", "panel-versions", el("ul", {}, event.versions.map((v) =>
    el("li", {}, `v${v.version} · ${String(v.at).slice(0, 19)} · ${humanise(v.change)}`, v.reason ? ` — ${v.reason}` : ""))));
}

async function siteHistory(event, open) {
  const site = await fetchSite(event.site_id);
  const counts = (site.reported_counts || []).map((c) =>
    el("li", {}, `${c.what || "strike"} no. ${c.count}`, c.quote ? el("blockquote", {}, c.quote) : null));
  const aliases = (site.aliases || []).filter((a) => a.toLowerCase() !== site.name.toLowerCase());
  const events = site.events.map((e) => el("li", { class: e.id === event.id ? "current" : "" },
    el("span", { class: "dot", style: `background:${colourOf(e.event_type)}` }),
    el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); open(e.id); } }, e.event_date || "undated"),
    ` · ${e.sub_event_type || e.event_type} · ${e.fatalities ?? 0} fatalities · ${e.n_sources} source(s)`));
  return section(`Site history: ${site.name}`, "site-history",
    el("p", { class: "muted" }, [site.kind, place(site), aliases.length ? `also called ${aliases.join(", ")}` : ""]
      .filter(Boolean).join(" · ")),
    el("ol", { class: "site-events" }, events),
    counts.length ? [el("h4", {}, "Counts the sources give (their own tally, not eventwatch's)"), el("ul", { class: "reported" }, counts)] : null);
}

async function articles(event, outletOf) {
  const loaded = await Promise.all(event.sources.map((s) => fetchArticle(s.article_id).catch((err) => ({ error: err, s }))));
  return section("Evidence in the articles", "panel-articles", loaded.map((article) => {
    if (article.error) return el("p", { class: "error" }, `${outletOf(article.s.article_id)}: ${article.error.message}`);
    const spans = (article.evidence || []).filter((span) => span.event_id === event.id);
    return el("details", { class: "article", open: true },
      el("summary", {}, el("strong", {}, article.outlet || "unknown outlet"), ` — ${article.title || article.id}`,
        el("span", { class: "muted" }, ` · ${spans.length} evidence span(s)`)),
      highlighted(article.text || "", spans));
  }));
}

export class EventPanel {
  // onNavigate(id): how a link to another event inside the panel opens it.
  constructor(panel, body, closeButton, onClose, onNavigate) {
    this.panel = panel;
    this.onNavigate = onNavigate;
    this.body = body;
    this.current = null;
    closeButton.addEventListener("click", () => { this.close(); onClose(); });
  }

  close() {
    this.panel.hidden = true;
    this.current = null;
  }

  async open(id) {
    this.current = id;
    this.panel.hidden = false;
    this.panel.scrollTop = 0;
    this.body.replaceChildren(el("p", { class: "muted" }, "Loading event…"));
    try {
      const event = await fetchEvent(id);
      if (this.current !== id) return;
      this.render(event);
    } catch (err) {
      this.body.replaceChildren(el("p", { class: "error" }, `Could not load event: ${err.message}`));
    }
  }

  render(event) {
    const outlets = new Map(event.sources.map((s) => [s.article_id, s.outlet || s.article_id.slice(0, 10)]));
    const outletOf = (id) => outlets.get(id) || id.slice(0, 10);
    const open = (id) => this.onNavigate(id);
    const siteSlot = el("div");
    const articleSlot = el("div", {}, el("p", { class: "muted" }, "Loading articles…"));
    this.body.replaceChildren();
    append(this.body, [
      el("div", { class: "panel-head", style: `border-color:${colourOf(event.event_type)}` },
        el("div", { class: "kicker" }, event.event_type), el("h2", {}, event.sub_event_type || event.event_type),
        el("p", {}, `${event.event_date || "undated"} · ${place(event)}`)),
      event.notes ? el("p", { class: "notes" }, event.notes) : null,
      fieldList(event), sources(event), corroboration(event), claims(event), disagreements(event, outletOf), links(event, open),
      versions(event), siteSlot, articleSlot]);
    if (event.site_id) {
      siteHistory(event, open).then((node) => siteSlot.replaceChildren(node))
        .catch((err) => siteSlot.replaceChildren(el("p", { class: "error" }, `Site history: ${err.message}`)));
    }
    articles(event, outletOf).then((node) => { if (this.current === event.id) articleSlot.replaceChildren(node); });
  }
}
