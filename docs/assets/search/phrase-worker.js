/*
 * Exact phrase search for the search UI of Material for MkDocs and of Zensical (a drop-in worker).
 *
 * A query finds exactly the pages whose text contains it. Both sides are compared after NFKC
 * width folding and lower-casing, with all white space removed, so ＤＸ = DX and 生成 AI = 生成AI.
 * Query words are ANDed where the space between them separates two Japanese words or two Latin
 * words (外部人材 活用, LGWAN RPA); a space between Japanese and Latin text is one extraction puts
 * in, so those parts are joined into one phrase (生成 AI → 生成AI, 第 3.0 版 → 第3.0版).
 * Each query word must lie within one block of a page (a section, a statement, a table row).
 * The index (site/search/phrase_index.json) is written by generator/search_index.py; both UIs get
 * the same pages from it, only the messages differ:
 *
 * Material: SETUP 0 → READY 1; QUERY 2 (the query string) → RESULT 3 with {items: [[page,
 * ...blocks]]}; title and text are HTML, so page text is escaped here.
 * Zensical: SETUP 0 with its own search.json ({items: [{location, title, text, path}]}, one item a
 * heading's section) → READY 1; QUERY 2 ({input, filter, page}) → RESULT 3 with {items: [{id,
 * matches}], pagination: {total}}; ERROR 4 makes it give up. Its UI shows only its own items (id
 * is an index into them), so each of our hits is shown as the item of the section that holds it,
 * with highlight ranges counted in the item's HTML.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, ERROR = 4
const ROOT = new URL("../../", self.location.href) /* the site root: we are assets/search/ */
const INDEX_URL = new URL("search/phrase_index.json", ROOT)
const CONTEXT = 40 /* characters of text shown around the first hit */

let pages = null /* [{url, title, blocks: [{location, section, text, norm, map, item}]}] */
let sections = null /* Zensical's items, from its SETUP; block.item is the index of one of them */

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

/* The pages holding every phrase, each with its blocks that hold one, best first. */
function find(phrases) {
  const matches = []
  for (const page of pages) {
    const found = page.blocks.filter(b => phrases.some(p => b.norm.includes(p)))
    if (phrases.every(p => found.some(b => b.norm.includes(p)))) matches.push({ page, found })
  }
  return matches.sort((a, b) => b.found.length - a.found.length || (a.page.url < b.page.url ? -1 : 1))
}

/* Material: one group a page, its head the page, then a snippet of every block with a hit. */
function materialItems(phrases) {
  const marked = Object.fromEntries(phrases.map(p => [p, true]))
  return find(phrases).map(({ page, found }) => {
    const score = found.length
    return [
      { location: page.url, title: escapeHTML(page.title), text: "", score, terms: marked },
      ...found.map(b => ({
        location: b.location,
        title: escapeHTML(b.section || page.title),
        text: `<p>${snippet(b.text, hits(b, phrases))}</p>`,
        score, terms: marked,
      })),
    ]
  })
}

/* Zensical: the sections holding a hit, best page first, each page's in their order; its UI marks
   the ranges. */
function zensicalItems(phrases) {
  const items = []
  for (const { found } of find(phrases)) {
    const ids = [...new Set(found.map(b => b.item))].filter(id => id !== undefined)
    for (const id of ids.sort((a, b) => a - b)) {
      const { title, text, path } = sections[id]
      const matches = Object.entries({ title, text, path: (path || []).join("") })
        .map(([field, html]) => ({ field, value: { highlight: { ranges: marks(html, phrases) } } }))
        .filter(match => match.value.highlight.ranges.length)
      items.push({ id, matches })
    }
  }
  return items
}

/* The text of an HTML string, and where each of its UTF-16 units starts and ends in the string. */
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" }
function textOf(html) {
  let text = ""
  const starts = [], ends = []
  for (const { 0: token, index } of html.matchAll(/<[^>]*>|&(?:amp|lt|gt|quot|#39);|[^]/gu)) {
    if (token.length > 1 && token[0] === "<") continue
    const char = ENTITIES[token] || token
    for (let k = 0; k < char.length; k++) starts.push(index), ends.push(index + token.length)
    text += char
  }
  return { text, starts, ends }
}

/* Highlight ranges of the phrases in HTML, in its own offsets (value: how much is the hit). */
function marks(html, phrases) {
  const { text, starts, ends } = textOf(html)
  const ranges = []
  for (const [start, end] of hits(normalize(text), phrases)) {
    const from = starts[start], to = ends[end - 1], last = ranges[ranges.length - 1]
    if (last && from <= last.end) last.end = Math.max(last.end, to)  /* overlapping hits: one mark */
    else ranges.push({ start: from, end: to })
  }
  return ranges.map(({ start, end }) => ({ start, end, value: end - start }))
}

/* URLs compared as written, whichever characters either side percent-encoded. */
function urlKey(url) {
  const href = new URL(url, ROOT).href
  try { return decodeURI(href) } catch { return href }
}

/* Each block's Zensical item: the one at its anchor (a heading), else its heading's section
   (which of two of the same name: the one holding the block's text), else the page's first. */
function placeBlocks() {
  const byPage = new Map()
  sections.forEach((item, id) => {
    const page = urlKey(item.location).split("#")[0]
    if (!byPage.has(page)) byPage.set(page, [])
    const title = textOf(item.title).text.trim().split(/\s+/).join(" ")  /* as search_index.py has it */
    byPage.get(page).push({ id, key: urlKey(item.location), title, item })
  })
  for (const page of pages) {
    const items = byPage.get(urlKey(page.url)) || []
    for (const block of page.blocks) {
      const key = urlKey(block.location)
      const named = items.filter(i => i.title === block.section)
      const start = block.norm.slice(0, 20)
      /* A section is read once, however many of its blocks look for their text in it (read again
         for each block, the first query took seconds at 400 meetings); kept only while placing,
         not for the worker's life (77 MB more at 400 meetings). */
      const holds = i => (i.norm ??= normalize(textOf(i.item.text).text).norm).includes(start)
      const place = items.find(i => i.key === key) || named.find(holds) || named[0] || items[0]
      block.item = place && place.id
    }
  }
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

/* The index is fetched only when someone searches: both UIs send SETUP on every page load. */
let loading = null
async function answer(query, items) {
  const phrases = terms(query)
  if (!phrases.length) return []  /* the UIs also send the empty box */
  /* A failed fetch is not kept: the next query tries again. */
  loading = loading || setup().then(() => sections && placeBlocks()).catch(error => { loading = null; throw error })
  await loading
  return items(phrases)
}

async function reply({ type, data }) {
  if (type === SETUP) {
    if (data && Array.isArray(data.items)) sections = data.items
    self.postMessage({ type: READY })
  } else if (type === QUERY && typeof data === "string") {
    self.postMessage({ type: RESULT, data: { items: await answer(data, materialItems) } })
  } else if (type === QUERY) {
    /* Zensical's box escapes &, < and > before sending; no tags filter: our pages have no tags */
    const input = typeof data.input === "string" ? textOf(data.input).text : ""
    const items = await answer(input, zensicalItems)
    self.postMessage({ type: RESULT, data: { items, pagination: { total: items.length } } })
  }
}

/* One message at a time, so that results arrive in the order of the queries (the first waits
   for the index) and the box never shows an older query's results. */
let pending = Promise.resolve()
self.addEventListener("message", event => {
  pending = pending.then(() => reply(event.data)).catch(error => {
    if (sections) self.postMessage({ type: ERROR })  /* Zensical then says search is unavailable */
    console.error(error)
  })
})
