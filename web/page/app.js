// The page of `papers serve`: the search form, result lists, the papers to browse (by date, body
// or organisation), a paper with its fields, and the chart of recommendations per year and body,
// all drawn from the JSON API (/api/search, /api/papers, /api/papers/ID, /api/overview).
// Everything the archive holds goes into the page as text nodes or attribute values built here
// (createElement, append, setAttribute on hrefs this file makes): it must never hand a string to
// anything that parses HTML (tests/web/server_test.cpp lists those and checks that none is used),
// so no archived text can become markup.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const LOW_CONFIDENCE = 70;  // as `papers stats` (archive.h kLowConfidence)

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(typeof c === 'object' ? c : String(c));
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'object' ? c : String(c));
  return e;
}

const main = () => document.getElementById('main');

function show(...nodes) { main().replaceChildren(...nodes); }

function showError(message) { show(el('p', {class: 'error', role: 'alert'}, message)); }

async function api(url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  return body;
}

const FILTERS = ['q', 'in', 'body', 'organisation', 'since', 'until', 'act', 'outcome'];

// The form shows the search it stands for; submitting drops empty fields from the address.
function setUpForm(params) {
  const form = document.getElementById('search-form');
  for (const name of FILTERS) {
    const input = document.getElementById(name);
    if (params.get(name)) input.value = params.get(name);
  }
  // The filters open on a wide screen or when one is set; on a phone they wait behind "Filters".
  const box = document.getElementById('filters-box');
  if (window.matchMedia('(min-width: 601px)').matches || FILTERS.some((n) => n !== 'q' && n !== 'in' && params.get(n)))
    box.open = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = document.getElementById(name).value.trim();
      if (value && !(name === 'in' && value === 'papers')) next.set(name, value);
    }
    // An outcome is asked of recommendations.
    if (next.get('outcome')) next.set('in', 'recommendations');
    location.assign('/?' + next.toString());
  });
}

function basename(path) { return (path || '').split('/').pop(); }

function snippet(parts) {
  const p = el('p', {class: 'snippet'});
  for (const part of parts) p.append(part.match ? el('mark', {}, part.text) : part.text);
  return p;
}

// "OCR: check against the original" beside a paper one of whose pages OCR read poorly.
function lowConfidenceTag(low) {
  return low ? el('span', {class: 'low-confidence', title: 'an OCR\'d page of this paper was read with low confidence'},
                  'OCR: check against the original') : null;
}

// Under a title: its date, body and file name, so that two papers of one title can be told apart.
function metaLine(item, ...more) {
  return el('div', {class: 'meta'}, [item.date || 'undated', item.body || 'body unknown', basename(item.path)].join(' · '),
            ...more);
}

function hitItem(hit, kind) {
  const li = el('li', {class: 'hit'});
  li.append(el('a', {class: 'hit-title', href: hit.url}, hit.title || basename(hit.path) || '(untitled)'));
  li.append(metaLine(hit, hit.low_confidence ? ' ' : null, lowConfidenceTag(hit.low_confidence)));
  if (kind === 'recommendations' || kind === 'decisions') {
    li.append(el('div', {class: 'rec-ref'},
        `${kind === 'decisions' ? 'Decision' : 'Recommendation'} ${hit.number || '(unnumbered)'} · `,
        el('a', {class: 'page-link', href: hit.page_url}, `page ${hit.page} of the original`),
        kind === 'recommendations' ? ' · ' : null,
        kind === 'recommendations' ? el('span', {class: 'tag outcome-tag'}, hit.outcome ? (OUTCOME_WORDS[hit.outcome] || hit.outcome) : 'no outcome yet') : null));
  }
  li.append(snippet(hit.snippet));
  return li;
}

async function showResults(params) {
  show(el('p', {class: 'status'}, 'Searching…'));
  const query = new URLSearchParams();
  for (const name of FILTERS.concat(['offset'])) if (params.get(name)) query.set(name, params.get(name));
  let r;
  try { r = await api('/api/search?' + query.toString()); } catch (e) { return showError(e.message); }
  document.title = `${r.query} – papers`;
  const what = r.in === 'recommendations' ? 'recommendation' : r.in === 'decisions' ? 'decision' : 'paper';
  const first = r.offset + 1, last = r.offset + r.hits.length;
  const summary = el('p', {class: 'status', id: 'summary'}, r.hits.length === 0
      ? `No ${what}s match.`
      : `${what[0].toUpperCase() + what.slice(1)}s ${first}–${last}${r.more ? '' : ' of ' + last}, best first.`);
  const list = el('ol', {id: 'hits', class: 'hits', start: first});
  for (const hit of r.hits) list.append(hitItem(hit, r.in));
  const nav = el('nav', {class: 'pages'});
  const page = (offset, label) => {
    const next = new URLSearchParams(query);
    if (offset > 0) next.set('offset', offset); else next.delete('offset');
    return el('a', {href: '/?' + next.toString()}, label);
  };
  if (r.offset > 0) nav.append(page(Math.max(0, r.offset - r.limit), '← previous'));
  if (r.more) nav.append(page(r.offset + r.limit, 'next →'));
  show(summary, list, nav);
}

const SORTS = [['date', 'by date'], ['body', 'by body'], ['organisation', 'by organisation'], ['archived', 'latest archived']];

async function showBrowse(params) {
  show(el('p', {class: 'status'}, 'Loading…'));
  const query = new URLSearchParams();
  for (const name of ['sort', 'body', 'since', 'until', 'limit', 'offset']) if (params.get(name)) query.set(name, params.get(name));
  let r;
  try { r = await api('/api/papers?' + query.toString()); } catch (e) { return showError(e.message); }
  document.title = 'Papers – papers';
  const link = (changes, label) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    return el('a', {href: '/browse?' + next.toString()}, label);
  };
  const sorts = el('p', {class: 'sorts', id: 'sorts'}, 'Order: ');
  for (const [key, label] of SORTS)
    sorts.append(key === r.sort ? el('strong', {}, label) : link({sort: key === 'date' ? '' : key, offset: ''}, label));
  const first = r.offset + 1, last = r.offset + r.papers.length;
  const summary = el('p', {class: 'status', id: 'summary'},
      r.total === 0 ? 'No papers.' : `Papers ${first}–${last} of ${r.total}.`);
  const list = el('ol', {id: 'papers', class: 'papers-list', start: first});
  for (const p of r.papers) {
    list.append(el('li', {},
        el('a', {class: 'hit-title', href: p.url}, p.title || basename(p.path) || '(untitled)'),
        metaLine(p, p.organisation && p.organisation !== p.body ? ` · ${p.organisation}` : null,
                 p.low_confidence ? ' ' : null, lowConfidenceTag(p.low_confidence))));
  }
  const nav = el('nav', {class: 'pages'});
  if (r.offset > 0) nav.append(link({offset: String(Math.max(0, r.offset - r.limit) || '')}, '← previous'));
  if (r.more) nav.append(link({offset: String(r.offset + r.limit)}, 'next →'));
  show(el('h1', {}, 'Papers'), sorts, summary, list, nav);
}

// "page 3" linking to that page of the original, or plain text when the original is not there.
function pageLink(paper, page) {
  if (!page) return null;
  if (!paper.original.available) return el('span', {class: 'page-ref', title: paper.original.reason}, `p. ${page}`);
  // A pack's part: its page 1 is the pack's page first, and the page is named as the pack numbers it.
  const inPack = page + (paper.original.page_offset || 0);
  return el('a', {class: 'page-link', href: `${paper.original.url}#page=${inPack}`}, `p. ${inPack}`);
}

const OUTCOME_WORDS = {agreed: 'Agreed', amended: 'Agreed as amended', deferred: 'Deferred', rejected: 'Rejected',
  noted: 'Noted', withdrawn: 'Withdrawn'};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// "2025-01-30" -> "30 January 2025"
function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : (iso || 'undated');
}

// "For 39, against 19, abstain 1 (carried)"
function voteText(v) {
  const parts = [];
  if (v.for !== null && v.for !== undefined) parts.push(`for ${v.for}`);
  if (v.against !== null && v.against !== undefined) parts.push(`against ${v.against}`);
  if (v.abstain !== null && v.abstain !== undefined) parts.push(`abstain ${v.abstain}`);
  const text = parts.join(', ');
  return (text.charAt(0).toUpperCase() + text.slice(1)) + (v.result ? ` (${v.result})` : '');
}

// "Agreed, Cabinet 30 January 2025, minute 88 (p. 10)": the minute links to the decision in the
// minutes' record, the page to that page of the minutes' original.
function outcomeLine(o) {
  const line = el('div', {class: 'outcome', 'data-outcome': o.outcome},
      `${OUTCOME_WORDS[o.outcome] || o.outcome}, ${o.body || 'body unknown'} ${longDate(o.meeting_date)}, `,
      el('a', {class: 'minute-link', href: `/papers/${o.minutes}#decision-${(o.decisions || [])[0] || 1}`}, `minute ${o.minute}`), ' (',
      el('a', {class: 'page-link', href: `/papers/${o.minutes}/original#page=${o.page}`}, `p. ${o.page}`), ')');
  if (o.vote) line.append(`; ${voteText(o.vote)}`);
  if (o.outcome === 'amended' && o.decision) line.append(el('div', {class: 'amended'}, `As resolved: ${o.decision}`));
  return line;
}

const FIELDS = [
  ['body', 'Body'], ['organisation', 'Organisation'], ['meeting_date', 'Meeting date'], ['report_date', 'Report date'],
  ['agenda_item', 'Agenda item'], ['author', 'Author'], ['classification', 'Classification'],
];

function section(title, id, ...content) { return el('section', {id}, el('h2', {}, title), ...content); }

async function showPaper(id) {
  show(el('p', {class: 'status'}, 'Loading…'));
  let r;
  try { r = await api('/api/papers/' + id); } catch (e) { return showError(e.message); }
  const title = r.title || basename(r.source.path) || '(untitled)';
  document.title = `${title} – papers`;
  const provenance = r.provenance || {};

  const fields = el('dl', {class: 'fields', id: 'fields'});
  for (const [key, label] of FIELDS) {
    const value = r[key];
    fields.append(el('dt', {}, label),
        el('dd', {'data-field': key}, value === null ? el('span', {class: 'unknown'}, 'not found') : value,
           value === null ? null : ' ', value === null ? null : pageLink(r, provenance[key] && provenance[key].page)));
  }
  if (r.exempt_paragraphs) fields.append(el('dt', {}, 'Exempt paragraphs'), el('dd', {}, r.exempt_paragraphs.join(', ')));

  const original = r.original.available
      ? el('a', {id: 'original-link', href: r.original.url}, `Original file (${basename(r.source.path)}, ${r.source.pages} pages)`)
      : el('span', {class: 'error'}, r.original.reason);

  const recs = el('ol', {id: 'recommendations', class: 'recs'});
  r.recommendations.forEach((x, i) => {
    recs.append(el('li', {id: `rec-${i + 1}`},
        el('span', {class: 'number'}, x.number || '–'), ' ', x.text, ' ',
        x.action ? el('span', {class: 'tag'}, x.action) : null, ' ', pageLink(r, x.page),
        x.outcome ? outcomeLine(x.outcome) : null));
  });
  // Which recommendations no minute has answered yet (none linked: the minutes are not archived,
  // or nothing in them could be matched without guessing).
  const open = r.recommendations.map((x, i) => [x, i]).filter(([x]) => !x.outcome);
  const unanswered = r.recommendations.length === 0 || open.length === 0 ? null
      : el('p', {class: 'unknown', id: 'without-outcome'},
          open.length === r.recommendations.length
              ? 'No outcome is linked for these recommendations yet (the minutes of their meeting are not archived, or say nothing that matches).'
              : `Still without an outcome: ${open.map(([x, i]) => x.number || `#${i + 1}`).join(', ')}.`);

  const decisions = el('ol', {id: 'decisions', class: 'recs'});
  (r.decisions || []).forEach((x, i) => {
    decisions.append(el('li', {id: `decision-${i + 1}`},
        el('span', {class: 'number'}, x.number || '–'), ' ', x.text, ' ', pageLink(r, x.page),
        x.minute ? el('span', {class: 'meta'}, ` · minute ${x.minute}`) : null,
        x.vote ? el('span', {class: 'meta'}, ` · ${voteText(x.vote)}`) : null,
        ...(x.answers || []).map((a) => el('div', {class: 'outcome'}, `${OUTCOME_WORDS[a.outcome] || a.outcome}: `,
            el('a', {href: `/papers/${a.report}#rec-${a.recommendation}`}, `recommendation ${a.recommendation} of ${a.report_title || basename(a.report_path)}`)))));
  });

  const contacts = el('table', {id: 'contacts'},
      el('thead', {}, el('tr', {}, ...['Name', 'Role', 'E-mail', 'Phone', 'Page'].map((h) => el('th', {}, h)))));
  const contactRows = el('tbody');
  for (const c of r.contacts) {
    contactRows.append(el('tr', {},
        el('td', {}, c.name || ''), el('td', {}, c.role || ''),
        el('td', {}, c.email ? el('a', {href: 'mailto:' + c.email}, c.email) : ''),
        el('td', {}, c.phone ? el('a', {href: 'tel:' + c.phone}, c.phone) : ''),
        el('td', {}, pageLink(r, c.page))));
  }
  contacts.append(contactRows);

  const legal = el('ul', {id: 'legal-references'});
  for (const x of r.legal_references)
    legal.append(el('li', {}, x.text, x.text.includes(x.act) ? '' : ` (${x.act})`, ' ', pageLink(r, x.page)));

  const dates = el('ul', {id: 'dates'});
  for (const d of r.dates)
    dates.append(el('li', {}, `${d.text}: ${d.start === d.end ? d.start : d.start + ' to ' + d.end} (${d.kind.replace('_', ' ')}) `,
        pageLink(r, d.page)));

  const pages = el('ul', {id: 'pages'});
  for (const p of r.extraction.pages)
    pages.append(el('li', {}, `Page ${p.number}: ${p.method === 'ocr' ? 'OCR' : 'text layer'}`,
        p.confidence !== null && p.confidence !== undefined ? `, confidence ${Math.round(p.confidence)}` : '',
        p.error ? `, failed: ${p.error}` : ''));

  // A pack: the papers it binds, each linked to its record (an original archived on its own, or
  // the part's); a part: the pack it is bound in.
  const parts = !r.parts ? null : el('ol', {id: 'parts', class: 'recs'}, ...r.parts.map((p) => el('li', {},
      `Pages ${p.first}${p.last > p.first ? '–' + p.last : ''}: ${p.kind.replace(/_/g, ' ')}`,
      p.paper ? ' · ' : null, p.paper ? el('a', {href: `/papers/${p.paper}`}, p.title || 'its record') : (p.title ? ` · ${p.title}` : ''),
      p.agenda_item ? ` (Agenda Item ${p.agenda_item})` : '')));
  // Minutes' items, or an agenda's: an agenda item with the minute that took it and its papers.
  const isMinutes = (r.decisions || []).length > 0;
  const items = !(r.items && r.items.length) ? null : el('ol', {id: 'items', class: 'recs'}, ...r.items.map((m) => el('li', {},
      el('span', {class: 'number'}, m.number), ' ', m.heading,
      m.pages ? ` (pages ${m.pages[0]}${m.pages[1] > m.pages[0] ? '–' + m.pages[1] : ''} of its pack)` : '',
      isMinutes && m.agenda_item ? ` (agenda item ${m.agenda_item})` : '', ' ', pageLink(r, m.page),
      m.minute ? el('div', {class: 'outcome'}, 'Taken at ',
          el('a', {href: `/papers/${m.minute.minutes}`}, `minute ${m.minute.minute}`), m.minute.heading ? `: ${m.minute.heading}` : '') : null,
      ...(m.papers || []).map((x) => el('div', {class: 'meta'}, 'Paper: ', el('a', {href: `/papers/${x.paper}`}, x.title || 'untitled'))))));
  const partOf = !r.part_of ? null : el('p', {class: 'meta', id: 'part-of'}, 'Bound in the pack ',
      el('a', {href: `/papers/${r.part_of.pack}`}, basename(r.part_of.path)), `, pages ${r.part_of.first}–${r.part_of.last}.`);
  const none = (list, what) => (list.length ? null : el('p', {class: 'unknown'}, `No ${what} found.`));
  const poor = r.extraction.pages.filter((p) => p.method === 'ocr' && p.confidence !== null && p.confidence < LOW_CONFIDENCE);
  const warning = poor.length === 0 ? null : el('p', {class: 'low-confidence', id: 'low-confidence', role: 'note'},
      `OCR read ${poor.length === 1 ? 'page' : 'pages'} ${poor.map((p) => `${p.number} (confidence ${Math.round(p.confidence)})`).join(', ')}` +
      ' poorly: check the fields against the original.');
  show(
      el('h1', {id: 'paper-title'}, title),
      el('p', {class: 'meta'}, original, ' · ', el('a', {href: '/api/papers/' + r.id}, 'record as JSON'),
         ' · ', el('code', {}, r.id.slice(0, 12))),
      warning,
      partOf,
      parts ? section('Papers in this pack', 'parts-section', parts) : null,
      fields,
      items ? section(isMinutes ? 'Minutes' : 'Agenda items', 'items-section', items) : null,
      section('Recommendations', 'recommendations-section', recs, unanswered, none(r.recommendations, 'recommendations')),
      section('Decisions', 'decisions-section', decisions, none(r.decisions || [], 'decisions')),
      section('Contacts', 'contacts-section', r.contacts.length ? contacts : none(r.contacts, 'contacts')),
      section('Legal references', 'legal-section', legal, none(r.legal_references, 'legal references')),
      el('details', {}, el('summary', {}, `Dates (${r.dates.length})`), dates),
      el('details', {}, el('summary', {}, 'How the text was read'), pages),
      el('details', {}, el('summary', {}, 'Text'), el('pre', {class: 'text'}, r.text)));
}

const COLOURS = ['#1b6ca8', '#e07a1f', '#3a9d5d', '#c23b3b', '#7d5ba6', '#8c6d31', '#d45a9a'];
const OTHER = 'Other bodies', UNKNOWN = 'Body unknown';

// Stacked bars: one per year with recommendations, a colour per body (the seven with most
// recommendations; the rest together), with the numbers also in a table for reading.
function chart(rows) {
  if (rows.length === 0) return el('p', {class: 'unknown'}, 'No dated recommendations yet.');
  const totals = new Map();
  for (const x of rows) totals.set(x.body, (totals.get(x.body) || 0) + x.recommendations);
  const ranked = [...totals.keys()].filter((b) => b !== '').sort((a, b) => totals.get(b) - totals.get(a) || a.localeCompare(b));
  const shown = ranked.slice(0, COLOURS.length);
  const series = shown.concat(ranked.length > shown.length ? [OTHER] : [], totals.has('') ? [UNKNOWN] : []);
  const colour = (s) => (s === OTHER ? '#999' : s === UNKNOWN ? '#ccc' : COLOURS[shown.indexOf(s)]);
  const seriesOf = (body) => (body === '' ? UNKNOWN : shown.includes(body) ? body : OTHER);

  const years = [...new Set(rows.map((x) => x.year))].sort((a, b) => a - b);
  const counts = new Map(years.map((y) => [y, new Map()]));
  for (const x of rows) {
    const m = counts.get(x.year), s = seriesOf(x.body);
    m.set(s, (m.get(s) || 0) + x.recommendations);
  }
  const yearTotal = (y) => [...counts.get(y).values()].reduce((a, b) => a + b, 0);
  const max = Math.max(...years.map(yearTotal));

  const barWidth = 28, gap = 8, left = 40, top = 10, height = 200, bottom = 30;
  const width = left + years.length * (barWidth + gap) + gap;
  const picture = svg('svg', {id: 'chart', role: 'img', width, height: top + height + bottom,
                               viewBox: `0 0 ${width} ${top + height + bottom}`,
                               'aria-label': 'Recommendations per year, by body'});
  picture.append(svg('line', {x1: left, y1: top + height, x2: width, y2: top + height, stroke: '#444'}));
  picture.append(svg('text', {x: left - 6, y: top + 10, 'text-anchor': 'end', class: 'axis'}, max));
  picture.append(svg('text', {x: left - 6, y: top + height, 'text-anchor': 'end', class: 'axis'}, 0));
  years.forEach((year, i) => {
    const x = left + gap + i * (barWidth + gap);
    let y = top + height;
    for (const s of series) {
      const n = counts.get(year).get(s) || 0;
      if (!n) continue;
      const h = (n / max) * height;
      y -= h;
      picture.append(svg('rect', {x, y, width: barWidth, height: h, fill: colour(s), 'data-year': year, 'data-body': s},
                         svg('title', {}, `${year} · ${s}: ${n}`)));
    }
    picture.append(svg('text', {x: x + barWidth / 2, y: top + height + 16, 'text-anchor': 'middle', class: 'axis'}, year));
  });

  const legend = el('ul', {class: 'legend'});
  for (const s of series) {
    const swatch = el('span', {class: 'swatch'});
    swatch.style.background = colour(s);  // CSSOM, allowed by the page's style policy
    legend.append(el('li', {}, swatch, `${s} (${[...counts.values()].reduce((a, m) => a + (m.get(s) || 0), 0)})`));
  }
  const table = el('table', {class: 'numbers'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Year'), ...series.map((s) => el('th', {}, s)))));
  const body = el('tbody');
  for (const year of years)
    body.append(el('tr', {}, el('td', {}, year), ...series.map((s) => el('td', {}, counts.get(year).get(s) || 0))));
  table.append(body);
  return el('div', {class: 'chart'}, picture, legend, el('details', {}, el('summary', {}, 'The numbers'), table));
}

async function showOverview() {
  let r;
  try { r = await api('/api/overview'); } catch (e) { return showError(e.message); }
  show(el('p', {class: 'status', id: 'summary'},
          `${r.papers} papers, ${r.recommendations} recommendations and ${r.decisions} decisions in this archive.`),
       el('h2', {}, 'Recommendations per year, by body'),
       chart(r.recommendations_by_year));
}

async function fillBodies() {
  try {
    const r = await api('/api/overview');
    const list = document.getElementById('bodies');
    for (const b of r.bodies) if (b.name) list.append(el('option', {value: b.name}));
  } catch (e) { /* the list is a convenience; searching works without it */ }
}

document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(location.search);
  setUpForm(params);
  const paper = location.pathname.match(/^\/papers\/([0-9a-f]{6,64})$/);
  if (location.pathname === '/browse') {
    fillBodies();
    showBrowse(params);
  } else if (paper) {
    fillBodies();
    showPaper(paper[1]);
  } else if (params.get('q')) {
    fillBodies();
    showResults(params);
  } else {
    showOverview().then(fillBodies);
  }
});
