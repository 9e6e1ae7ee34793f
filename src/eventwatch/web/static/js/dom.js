// Small DOM helpers. Text always goes in as text nodes (never innerHTML), so article text
// and every API value are displayed, not interpreted.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "testid") node.dataset.testid = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A link only for http(s) URLs; anything else is shown as plain text.
export function safeLink(url, text) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text || url);
  }
  return document.createTextNode(text || url || "");
}

export function place(event) {
  return [event.location, event.admin1, event.country].filter((part, i, all) => part && all.indexOf(part) === i).join(", ");
}

export function humanise(value) {
  return String(value ?? "").replaceAll("_", " ");
}
