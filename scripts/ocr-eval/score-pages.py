#!/usr/bin/env python3
"""Accuracy of an OCR reading (measure.ts JSON) against the truth.

  score-pages.py OUT.json [OUT.json ...]

Truth: for d15/d16 pages the shared truth files (every cell's printed text: numbers; row names,
column headings, titles, 公开 marks: labels), counted over the document; for pages of real
documents (r1-08-r150.pgm ...) the text layer of the same page (pdftotext -bbox, /tmp/ev/real).
Numbers: tokens that are figures (commas removed); a truth number is read if the reading has it
(multiset). Labels: Chinese strings of >= 2 characters; read if an OCR item equals it exactly
(spaces and ASCII/full-width punctuation variants ignored on both sides).
"""
import json, re, sys, collections, html, glob, os

NUM = re.compile(r'^[-+]?\d[\d,]*(\.\d+)?$')
CJK = re.compile(r'[\u3400-\u9fff]')
def norm(s):
    s = re.sub(r'\s+', '', s)
    for a, b in (('（', '('), ('）', ')'), ('：', ':'), ('，', ','), ('“', '"'), ('”', '"'), ('；', ';')):
        s = s.replace(a, b)
    return s
def num_tokens(strs):
    out = collections.Counter()
    for s in strs:
        for t in s.split():
            t = t.strip('()（）')
            if NUM.match(t) and re.search(r'\d', t):
                out[t.replace(',', '')] += 1
    return out
def label_tokens(strs):
    out = collections.Counter()
    for s in strs:
        n = norm(s)
        if len(n) >= 2 and CJK.search(n):
            out[n] += 1
    return out

def truth_doc(name):
    d = json.load(open(f'/work/shared/corpus/{name}_scan.truth.json'))
    nums, labels = collections.Counter(), collections.Counter()
    for t in d['tables'].values():
        if not t.get('present'):
            continue
        for k in ('title', 'code'):
            if t.get(k): labels[norm(t[k])] += 1
        rows, cols = set(), set()
        for c in t.get('cells', []):
            txt = c.get('text') or ''
            if txt and NUM.match(txt.replace(' ', '')):
                nums[txt.replace(',', '').replace(' ', '')] += 1
            if c.get('row_name'): rows.add((c.get('panel'), c['row_name']))
            for part in (c.get('column') or '').split('/'):
                if part: cols.add((c.get('panel'), part))
        for _, r in rows:
            if CJK.search(r): labels[norm(r)] += 1
        for _, p in cols:
            if CJK.search(p): labels[norm(p)] += 1
    return nums, labels

def truth_real(key):
    f = f'/tmp/ev/real/{key}.html'
    words = [html.unescape(w) for w in re.findall(r'<word [^>]*>([^<]*)</word>', open(f, encoding='utf-8').read())]
    return num_tokens(words), label_tokens(words)

def match(truth, got):
    hit = sum(min(n, got[k]) for k, n in truth.items())
    return hit, sum(truth.values()), sum(got.values())

rows = []
for path in sys.argv[1:]:
    r = json.load(open(path))
    groups = collections.defaultdict(list)
    for p in r['pages']:
        m = re.match(r'(d1[56])-\d+\.pgm|(r\d-\d+)-r\d+\.pgm', p['file'])
        groups[m.group(1) or m.group(2)].append(p)
    tn = tl = hn = hl = gn = gl = 0
    for key, ps in groups.items():
        strs = [i['str'] for p in ps for i in p['items']]
        if r['engine'] == 'gut':
            # @gutenye/ocr-node joins a whole row into one line, its pieces separated by spaces
            strs = [t for s in strs for t in s.split()]
        got_n = num_tokens(strs)
        got_l = label_tokens(strs)
        t_n, t_l = truth_doc(key) if key.startswith('d1') else truth_real(key)
        a, b, c = match(t_n, got_n); hn += a; tn += b; gn += c
        a, b, c = match(t_l, got_l); hl += a; tl += b; gl += c
    pages = len(r['pages'])
    cpu = sum(p['cpuMs'] for p in r['pages']) / 1000
    wall = sum(p['wallMs'] for p in r['pages']) / 1000
    tf = path[:-5] + '.time'
    tline = open(tf).read().strip().splitlines()[-1] if os.path.exists(tf) else ''
    m = re.match(r'([\d.]+) wall ([\d.]+) user ([\d.]+) sys (\d+) maxrssKB', tline)
    # CPU of the whole process and its children (tesseract), start-up and model loading included
    core = f'{pages / (float(m.group(2)) + float(m.group(3))):.2f}' if m else '–'
    rss = f'{int(m.group(4)) // 1024}' if m else f"{r.get('rssMB')} (end)"
    rows.append((os.path.basename(path)[:-5], r['dpi'], pages, hn, tn, hn / max(tn, 1), hn / max(gn, 1), hl, tl, hl / max(tl, 1), core, pages / cpu if cpu else 0, rss, pages / wall))
print('| run | dpi | pages | numbers read / truth | number recall | number precision | labels read / truth | label recall | pages/s per core (user+sys, all) | pages/s per CPU-s of the node process | peak RSS MB | pages/s wall (shared machine) |')
print('|---|---|---|---|---|---|---|---|---|---|---|---|')
for x in rows:
    print(f'| {x[0]} | {x[1]} | {x[2]} | {x[3]}/{x[4]} | {x[5]:.3f} | {x[6]:.3f} | {x[7]}/{x[8]} | {x[9]:.3f} | {x[10]} | {x[11]:.2f} | {x[12]} | {x[13]:.2f} |')
