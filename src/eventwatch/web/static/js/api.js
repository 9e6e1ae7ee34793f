// Calls to the eventwatch HTTP API (same origin). Every error comes back as
// {ok: false, status, error}; it is thrown as an Error carrying that message.

export const FILTER_NAMES = ["start", "end", "event_type", "sub_event_type", "country", "admin1", "text", "actor", "site", "min_sources", "stance", "bbox"];

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${path}: ${response.status} ${response.statusText}`);
  }
  if (!response.ok || body.ok === false) {
    throw new Error(body && body.error ? body.error : `${path}: ${response.status}`);
  }
  return body;
}

export function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== "" && value !== null && value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

// All events matching the filters, following next_cursor up to `max` events.
export async function fetchEvents(filters, sort, pageSize = 1000, max = 5000) {
  const items = [];
  let cursor = null;
  do {
    const page = await getJSON(`/events${query(filters, { sort, limit: pageSize, cursor })}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return { items, truncated: Boolean(cursor) };
}

export const fetchStats = (filters) => getJSON(`/stats${query(filters)}`);
export const fetchEvent = (id) => getJSON(`/events/${encodeURIComponent(id)}`).then((body) => body.event);
export const fetchSite = (id) => getJSON(`/sites/${encodeURIComponent(id)}`).then((body) => body.site);
export const fetchArticle = (id) => getJSON(`/articles/${encodeURIComponent(id)}`).then((body) => body.article);
export const fetchConfig = () => fetch("/config").then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
export const fetchOutlines = () => fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json());
