// A document: its pages with every cell's box, its tables, its checks. Data: window.GONGKAI_DOC,
// window.GONGKAI_PAGES (page images), window.GONGKAI_DEBUG (what the reader saw, with --debug).
(function () {
  'use strict';
  var doc = window.GONGKAI_DOC;
  var images = window.GONGKAI_PAGES || {};
  var debug = window.GONGKAI_DEBUG || null;
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  var byCell = {};
  function mark(id, cls, on) {
    (byCell[id] || []).forEach(function (e) { e.classList.toggle(cls, on); });
  }
  function link(e, cell) {
    e.dataset.cell = cell.id;
    e.dataset.row = cell.row;
    e.dataset.column = cell.column;
    e.dataset.value = cell.value;
    (byCell[cell.id] = byCell[cell.id] || []).push(e);
    if (cell.low) e.classList.add('low');
    e.addEventListener('mouseenter', function () { mark(cell.id, 'hover', true); });
    e.addEventListener('mouseleave', function () { mark(cell.id, 'hover', false); });
    e.title = [cell.table, cell.panel, cell.row, cell.column, cell.value + ' ' + cell.unit]
      .concat(cell.confidence !== undefined ? ['OCR confidence ' + cell.confidence] : [])
      .concat(cell.source ? [cell.source] : []).filter(Boolean).join(' | ');
  }
  function place(e, b, scale) {
    e.style.left = b[0] * scale + 'px';
    e.style.top = b[1] * scale + 'px';
    e.style.width = Math.max(1, (b[2] - b[0]) * scale) + 'px';
    e.style.height = Math.max(1, (b[3] - b[1]) * scale) + 'px';
  }
  function debugLayer(page, n, scale, cells) {
    var layer = el('div', undefined, 'layer debug');
    var seen = debug && debug[n];
    if (seen) {
      seen.rules.forEach(function (r) {
        var e = el('div', undefined, 'rule');
        place(e, r, scale);
        layer.appendChild(e);
      });
      seen.runs.forEach(function (r) {
        var e = el('div', undefined, 'run');
        place(e, r, scale);
        e.title = r[4];
        layer.appendChild(e);
      });
    }
    // each table's region on the page: the box around its cells there
    var regions = {};
    cells.forEach(function (c) {
      var r = regions[c.table] || (regions[c.table] = [c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3]]);
      r[0] = Math.min(r[0], c.bbox[0]); r[1] = Math.min(r[1], c.bbox[1]);
      r[2] = Math.max(r[2], c.bbox[2]); r[3] = Math.max(r[3], c.bbox[3]);
    });
    Object.keys(regions).forEach(function (t) {
      var e = el('div', undefined, 'region');
      e.dataset.table = t;
      place(e, regions[t], scale);
      layer.appendChild(e);
    });
    page.appendChild(layer);
  }
  function renderPages(root) {
    var all = [];
    doc.tables.forEach(function (t) { all = all.concat(t.cells); });
    var pages = {};
    all.forEach(function (c) { if (c.page && c.bbox) (pages[c.page] = pages[c.page] || []).push(c); });
    Object.keys(pages).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      var img = images[n];
      var scale = img ? img.scale : 96 / 72;
      var page = el('div', undefined, 'page');
      page.dataset.page = String(n);
      if (img) {
        var im = el('img');
        im.src = img.src;
        im.alt = 'page ' + n;
        page.appendChild(im);
      }
      page.appendChild(el('span', 'page ' + n, 'label'));
      pages[n].forEach(function (c) {
        var box = el('div', undefined, 'box');
        place(box, c.bbox, scale);
        link(box, c);
        page.appendChild(box);
      });
      debugLayer(page, n, scale, pages[n]);
      root.appendChild(page);
    });
  }
  function renderTable(t, root) {
    root.appendChild(el('h3', t.number + ' ' + t.title + ' (' + t.unit + ')'));
    var columns = [];
    var rows = [];
    var grid = {};
    t.cells.forEach(function (c) {
      if (columns.indexOf(c.column) < 0) columns.push(c.column);
      var key = c.panel + '\u0000' + c.row;
      if (!grid[key]) { grid[key] = {}; rows.push({ key: key, panel: c.panel, row: c.row }); }
      grid[key][c.column] = c;
    });
    var table = el('table', undefined, 'cells');
    table.dataset.table = t.number;
    var head = el('tr');
    ['panel', 'row'].concat(columns).forEach(function (h) { head.appendChild(el('th', h)); });
    table.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', r.panel));
      tr.appendChild(el('td', r.row));
      columns.forEach(function (col) {
        var c = grid[r.key][col];
        var td = el('td', c ? c.value : '');
        if (c) link(td, c);
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    root.appendChild(table);
  }
  function renderChecks(root) {
    var failed = doc.checks.filter(function (c) { return c.status === 'fail'; });
    root.appendChild(el('h2', 'Checks: ' + failed.length + ' failed of ' + doc.checks.length));
    var list = el('ol', undefined, 'checks');
    var active = null;
    failed.forEach(function (c, i) {
      var li = el('li');
      li.dataset.check = String(i);
      li.dataset.cells = c.cells.join(' ');
      li.appendChild(el('div', c.rule + ': ' + c.message));
      li.appendChild(el('div', 'expected ' + c.expected + ', actual ' + c.actual + ', difference ' + c.difference,
        'figures'));
      li.addEventListener('click', function () {
        if (active) {
          active.li.classList.remove('active');
          active.cells.forEach(function (id) { mark(id, 'hl', false); });
        }
        active = { li: li, cells: c.cells };
        li.classList.add('active');
        c.cells.forEach(function (id) { mark(id, 'hl', true); });
        var first = c.cells.length && byCell[c.cells[0]] && byCell[c.cells[0]][0];
        if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
      });
      list.appendChild(li);
    });
    root.appendChild(list);
  }
  document.getElementById('title').textContent = doc.name + ' — ' + doc.status;
  var side = document.getElementById('side');
  renderChecks(side);
  if (doc.warnings.length) {
    side.appendChild(el('h2', 'Warnings'));
    var ul = el('ul');
    doc.warnings.forEach(function (w) { ul.appendChild(el('li', w)); });
    side.appendChild(ul);
  }
  doc.tables.forEach(function (t) { renderTable(t, side); });
  renderPages(document.getElementById('pages'));
  var toggle = document.getElementById('debug-toggle');
  toggle.addEventListener('change', function () { document.body.classList.toggle('show-debug', toggle.checked); });
})();
