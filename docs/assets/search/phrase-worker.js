/*
 * Exact phrase search for Material for MkDocs' search UI (a drop-in search worker).
 *
 * A query finds exactly the pages whose text contains it. Both sides are compared after NFKC
 * width folding and lower-casing, with all white space removed, so ＤＸ = DX and 生成 AI = 生成AI.
 * Query words are ANDed where the space between them separates two Japanese words or two Latin
 * words (外部人材 活用, LGWAN RPA); a space between Japanese and Latin text is one extraction puts
 * in, so those parts are joined into one phrase (生成 AI → 生成AI, 第 3.0 版 → 第3.0版).
 * Each query word must lie within one block of a page (a section, a statement, a table row).
 *
 * Protocol (Material's SearchMessage): SETUP 0 → READY 1; QUERY 2 (the query string) → RESULT 3
 * with {items: [[page, ...blocks]]}; title and text are HTML, so page text is escaped here.
 * The index (site/search/phrase_index.json) is written by generator/search_index.py.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const INDEX_URL = new URL("../../search/phrase_index.json", self.location.href)
const CONTEXT = 40 /* characters of text shown around the first hit */

let pages = null /* [{url, title, blocks: [{location, section, text, norm, map}]}] */

/* Fold one character the way NFKC does, lower-cased; white space folds to nothing. */
function fold(char) {
  const code = char.codePointAt(0)
  if (code < 0x80) return /\s/.test(char) ? "" : char.toLowerCase()
  if ((code >= 0x3041 && code <= 0x30fa) || (code >= 0x4e00 && code <= 0x9fff)) return char
  return char.normalize("NFKC").toLowerCase().replace(/\s+/g, "")
}

/* The folded text, and for each of its characters the index of the character it came from. */
function normalize(text) {
  let norm = ""
  const map = []
  let i = 0
  for (const char of text) {
    const folded = fold(char)
    for (let k = 0; k < folded.length; k++) map.push(i)
    norm += folded
    i += char.length
  }
  return { norm, map }
}

function kind(char) {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u.test(char)) return "J"
  if (/[0-9A-Za-z]/.test(fold(char))) return "L"
  return "P"
}

/* Query → the phrases that must all occur. */
function terms(query) {
  const words = query.trim().split(/\s+/).filter(Boolean)
  const phrases = []
  for (const word of words) {
    const last = phrases[phrases.length - 1]
    if (last !== undefined) {
      const a = kind(last[last.length - 1]), b = kind(word[0])
      if (a !== b && a !== "P" && b !== "P") {
        phrases[phrases.length - 1] = last + word
        continue
      }
    }
    phrases.push(word)
  }
  return [...new Set(phrases.map(p => normalize(p).norm).filter(Boolean))]
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;")
}

/* Ranges [start, end) in the original text where the phrases occur. */
function hits(block, phrases) {
  const ranges = []
  for (const phrase of phrases) {
    let at = block.norm.indexOf(phrase)
    while (at >= 0) {
      const start = block.map[at]
      const end = block.map[at + phrase.length - 1] + 1
      ranges.push([start, end])
      at = block.norm.indexOf(phrase, at + 1)
    }
  }
  return ranges.sort((a, b) => a[0] - b[0])
}

function snippet(text, ranges) {
  const from = Math.max(0, ranges[0][0] - CONTEXT)
  const to = Math.min(text.length, ranges[0][1] + CONTEXT * 2)
  let html = from > 0 ? "…" : ""
  let at = from
  for (const [start, end] of ranges) {
    if (start < at || start >= to) continue
    html += escapeHTML(text.slice(at, start)) + "<mark>" + escapeHTML(text.slice(start, end)) + "</mark>"
    at = end
  }
  html += escapeHTML(text.slice(at, to)) + (to < text.length ? "…" : "")
  return html
}

function search(query) {
  const phrases = terms(query)
  if (!phrases.length || !pages) return []
  const items = []
  for (const page of pages) {
    const found = page.blocks.filter(b => phrases.some(p => b.norm.includes(p)))
    if (!phrases.every(p => found.some(b => b.norm.includes(p)))) continue
    const marked = Object.fromEntries(phrases.map(p => [p, true]))
    const score = found.length
    items.push([
      { location: page.url, title: escapeHTML(page.title), text: "", score, terms: marked },
      ...found.map(b => ({
        location: b.location,
        title: escapeHTML(b.section || page.title),
        text: `<p>${snippet(b.text, hits(b, phrases))}</p>`,
        score, terms: marked,
      })),
    ])
  }
  return items.sort((a, b) => b[0].score - a[0].score || (a[0].location < b[0].location ? -1 : 1))
}

async function setup() {
  const response = await fetch(INDEX_URL)
  const { docs } = await response.json()
  const byPage = new Map()
  for (const doc of docs) {
    const url = doc.l.split("#")[0]
    if (!byPage.has(url)) byPage.set(url, { url, title: doc.t, blocks: [] })
    byPage.get(url).blocks.push({ location: doc.l, section: doc.s, text: doc.x, ...normalize(doc.x) })
  }
  pages = [...byPage.values()]
}

/* Material sends SETUP on every page load; the index is fetched only when someone searches. */
let loading = null
self.addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    if (!terms(message.data).length) {  /* the UI also sends the empty box */
      self.postMessage({ type: RESULT, data: { items: [] } })
      return
    }
    loading = loading || setup()
    await loading
    self.postMessage({ type: RESULT, data: { items: search(message.data) } })
  }
})
