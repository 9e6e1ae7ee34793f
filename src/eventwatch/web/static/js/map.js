// The map: country outlines shipped with the app (or a tile layer when a tile URL is set),
// events as circle markers coloured by type and sized by fatalities, clustered when close.
/* global L, topojson */
import { fetchOutlines } from "./api.js";
import { el, place } from "./dom.js";
import { colourOf, EVENT_TYPES, radiusOf } from "./types.js";

export class EventMap {
  // onArea(bbox) is called with "minlon,minlat,maxlon,maxlat" when the reader limits the search to the view.
  constructor(container, config, onOpen, onArea) {
    this.onOpen = onOpen;
    this.onArea = onArea;
    this.map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 13, zoomSnap: 0.5 });
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    this.map.setView([35, 30], 3);
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      chunkedLoading: true,
      maxClusterRadius: 40,
      iconCreateFunction: (cluster) => clusterIcon(cluster),
    });
    this.map.addLayer(this.clusters);
    this.addBase(config);
    this.addLegend();
    this.addAreaButton();
  }

  addAreaButton() {
    const control = L.control({ position: "topright" });
    control.onAdd = () => {
      const button = el("button", { type: "button", class: "area-button", testid: "map-area" }, "Only events in this area");
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener("click", () => this.onArea(this.viewBox()));
      return button;
    };
    control.addTo(this.map);
  }

  viewBox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(3);
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].join(",");
  }

  addBase(config) {
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { attribution: tileAttribution(config.tile_url) }).addTo(this.map);
      return;
    }
    fetchOutlines()
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          interactive: false,
          style: { color: "#8c96a3", weight: 0.7, fillColor: "#f6f4ef", fillOpacity: 1 },
        }).addTo(this.map).bringToBack();
        this.map.attributionControl.addAttribution("Outlines: Natural Earth");
      })
      .catch(() => this.map.attributionControl.addAttribution("Country outlines unavailable"));
  }

  addLegend() {
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = () => el("div", { class: "map-legend" },
      EVENT_TYPES.map(([name, colour]) => el("div", {},
        el("span", { class: "dot", style: `background:${colour}` }), name)));
    legend.addTo(this.map);
  }

  // fit: zoom to the events (not when the reader chose the area).
  show(events, fit = true) {
    this.clusters.clearLayers();
    const markers = [];
    for (const event of events) {
      if (event.latitude === null || event.longitude === null) continue;
      markers.push(this.marker(event));
    }
    this.clusters.addLayers(markers);
    if (markers.length && fit) {
      this.map.fitBounds(this.clusters.getBounds(), { padding: [30, 30], maxZoom: 7 });
    }
    return markers.length;
  }

  marker(event) {
    const colour = colourOf(event.event_type);
    const marker = L.circleMarker([event.latitude, event.longitude], {
      radius: radiusOf(event.fatalities),
      color: "#ffffff",
      weight: 1.5,
      fillColor: colour,
      fillOpacity: 0.85,
    });
    marker.eventType = event.event_type;
    // An element, never a string: Leaflet puts a string in as HTML, and these values come from articles.
    marker.bindTooltip(el("span", { testid: "map-tooltip" },
      `${event.event_date || "undated"} · ${event.event_type} · ${place(event)} · ${event.fatalities ?? 0} fatalities`));
    marker.on("add", () => {
      const path = marker.getElement();
      if (path) {
        path.dataset.testid = "map-marker";
        path.dataset.eventId = event.id;
      }
    });
    marker.on("click", () => this.onOpen(event.id));
    return marker;
  }
}

function tileAttribution(template) {
  const host = template.replace(/^[a-z]+:\/\//i, "").split("/")[0];
  return /openstreetmap/i.test(host) ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    : `Tiles: ${host.replace(/[<>&"]/g, "")}`;
}

// A cluster icon: the count, ringed in the colour of the most frequent type inside it.
function clusterIcon(cluster) {
  const counts = new Map();
  for (const child of cluster.getAllChildMarkers()) {
    counts.set(child.eventType, (counts.get(child.eventType) || 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = n < 10 ? 34 : n < 100 ? 40 : 48;
  const icon = el("div", { class: "cluster", testid: "marker-cluster", style: `border-color:${colourOf(top)}` },
    el("span", {}, n));
  return L.divIcon({ html: icon, className: "cluster-icon", iconSize: L.point(size, size) });
}
