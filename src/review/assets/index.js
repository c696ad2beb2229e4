// The index: every document, sortable and filterable. Data: window.GONGKAI_INDEX (index-data.js).
(function () {
  'use strict';
  var rows = window.GONGKAI_INDEX || [];
  var columns = [
    ['name', 'document'], ['entity', 'entity'], ['year', 'year'], ['kind', 'kind'], ['status', 'status'],
    ['tables', 'tables'], ['checksFailed', 'checks failed'], ['ocrPages', 'OCR pages'], ['error', 'error'],
  ];
  var sortKey = 'name';
  var sortDir = 1;
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  var byId = function (id) { return document.getElementById(id); };
  function fillSelect(select, values) {
    values.forEach(function (v) {
      var o = el('option', v);
      o.value = v;
      select.appendChild(o);
    });
  }
  function distinct(key) {
    var seen = {};
    rows.forEach(function (r) { if (r[key] !== null && r[key] !== '') seen[r[key]] = true; });
    return Object.keys(seen).sort();
  }
  function visible() {
    var status = byId('f-status').value;
    var year = byId('f-year').value;
    var entity = byId('f-entity').value.trim();
    var failing = byId('f-failing').checked;
    var q = byId('f-search').value.trim().toLowerCase();
    return rows.filter(function (r) {
      if (status && r.status !== status) return false;
      if (year && String(r.year) !== year) return false;
      if (entity && r.entity.indexOf(entity) < 0) return false;
      if (failing && !(r.checksFailed > 0)) return false;
      if (q && [r.name, r.entity, r.error].join(' ').toLowerCase().indexOf(q) < 0) return false;
      return true;
    });
  }
  var pending = 0;
  function rowOf(r) {
    var tr = el('tr');
    tr.dataset.sha = r.sha;
    columns.forEach(function (c) {
      var td = el('td', c[0] === 'name' ? undefined : r[c[0]], c[0] === 'status' ? 'status-' + r.status : '');
      if (c[0] === 'name') {
        var a = el('a', r.name);
        a.href = 'doc/' + r.sha + '.html';
        td.appendChild(a);
      }
      tr.appendChild(td);
    });
    return tr;
  }
  // the first rows at once, the rest in chunks after the first paint: thousands of documents open
  // without a wait, and a newer render cancels an older one's remaining chunks
  function render() {
    var list = visible().slice().sort(function (a, b) {
      var x = a[sortKey], y = b[sortKey];
      return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
    });
    var body = byId('rows');
    body.textContent = '';
    delete body.dataset.complete;
    var ticket = ++pending;
    var CHUNK = 250;
    (function add(from) {
      if (ticket !== pending) return;
      var frag = document.createDocumentFragment();
      list.slice(from, from + CHUNK).forEach(function (r) { frag.appendChild(rowOf(r)); });
      body.appendChild(frag);
      if (from + CHUNK < list.length) setTimeout(function () { add(from + CHUNK); }, 0);
      else body.dataset.complete = 'true';
    })(0);
    byId('count').textContent = list.length + ' of ' + rows.length + ' documents';
  }
  var head = byId('head');
  columns.forEach(function (c) {
    var th = el('th', c[1]);
    th.addEventListener('click', function () {
      sortDir = sortKey === c[0] ? -sortDir : 1;
      sortKey = c[0];
      render();
    });
    head.appendChild(th);
  });
  fillSelect(byId('f-status'), distinct('status'));
  fillSelect(byId('f-year'), distinct('year'));
  ['f-status', 'f-year', 'f-entity', 'f-failing', 'f-search'].forEach(function (id) {
    byId(id).addEventListener('input', render);
    byId(id).addEventListener('change', render);
  });
  render();
})();
