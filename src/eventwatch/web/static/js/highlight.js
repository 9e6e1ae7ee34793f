// Article text with the evidence highlighted, built from character offsets as DOM text nodes
// (never innerHTML), so article text cannot inject markup. Each evidence span is a strong
// <mark>; the rest of the sentence it sits in is a light <mark class="sentence">.
import { el, humanise } from "./dom.js";

function sentencesAround(text, spans) {
  if (!spans.length || typeof Intl.Segmenter !== "function") return [];
  const sentences = [];
  for (const { index, segment } of new Intl.Segmenter("en", { granularity: "sentence" }).segment(text)) {
    const end = index + segment.trimEnd().length;
    if (spans.some((s) => s.start < end && s.end > index)) sentences.push({ start: index, end });
  }
  return sentences;
}

// spans: [{start, end, field}]; overlapping spans are split at every boundary and each piece
// is marked with all the fields that cover it.
export function highlighted(text, spans) {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= text.length);
  const sentences = sentencesAround(text, valid);
  const bounds = [0, text.length, ...[...valid, ...sentences].flatMap((s) => [s.start, s.end])];
  const cuts = [...new Set(bounds)].sort((a, b) => a - b);
  const root = el("div", { class: "article-text", testid: "article-text" });
  for (let i = 0; i < cuts.length - 1; i += 1) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(from, to);
    const covers = (s) => s.start <= from && s.end >= to;
    const fields = [...new Set(valid.filter(covers).map((s) => humanise(s.field)))];
    if (fields.length) root.append(el("mark", { class: "evidence", testid: "evidence-mark", title: `evidence: ${fields.join(", ")}` }, piece));
    else if (sentences.some(covers)) root.append(el("mark", { class: "sentence", testid: "evidence-sentence" }, piece));
    else root.append(document.createTextNode(piece));
  }
  return root;
}
