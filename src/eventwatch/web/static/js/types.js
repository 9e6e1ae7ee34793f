// The six ACLED event types, in ACLED's order, and the colour each is drawn in.
export const EVENT_TYPES = [
  ["Battles", "#c0392b"],
  ["Explosions/Remote violence", "#e67e22"],
  ["Violence against civilians", "#8e44ad"],
  ["Protests", "#2471a3"],
  ["Riots", "#d4368b"],
  ["Strategic developments", "#239b56"],
];
const COLOURS = new Map(EVENT_TYPES);
export const OTHER_COLOUR = "#6c757d";

export function colourOf(eventType) {
  return COLOURS.get(eventType) || OTHER_COLOUR;
}

// Marker radius in pixels: grows with the square root of reported fatalities, capped.
export function radiusOf(fatalities) {
  return Math.min(6 + 2.5 * Math.sqrt(Math.max(0, fatalities || 0)), 24);
}
