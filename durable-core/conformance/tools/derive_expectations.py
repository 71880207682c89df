#!/usr/bin/env python3
"""Derives the compact expectation files (src/test/resources/dev/durable/conformance/*.cases) from a
local checkout of the requirement cases (not part of this project). Only the machine-checkable
expectations are carried over: event order, types, sub-types, id/parent placeholders, names, detail
values, inputs, results and callback actions. No prose.

usage: derive_expectations.py CASES_DIR OUT_DIR
"""
import glob, json, os, re, sys
import yaml

ANY = '*'
# cases whose prose says only the listed events are asserted (completion order under concurrency)
PARTIAL = {'8.11', '9.11'}

def val(v):
    """A YAML value as a token: '*' for 'present, any value', else compact JSON."""
    if v == '*' or v == {}:
        return ANY
    return json.dumps(v, separators=(',', ':'), ensure_ascii=False)

def flatten(prefix, v, out):
    if isinstance(v, dict) and v:
        for k, sub in v.items():
            flatten(prefix + '.' + k if prefix else k, sub, out)
    else:
        out.append((prefix, val(v)))

def case_lines(num, d):
    out = ['case ' + num]
    for k, spec in (d.get('Variables') or {}).items():
        m = re.fullmatch(r'\$\{GEN_STR:(\d+)\}', spec)
        out.append('var %s %s' % (k, m.group(1)))
    out.append('input ' + val(d.get('Input')) if d.get('Input') != {} else 'input {}')
    if d.get('async') or d.get('AsyncInvoke'):
        out.append('async')
    if num in PARTIAL:
        out.append('partial')
    exp = d.get('ExpectedResult') or {}
    if 'ExecutionStatus' in exp:
        out.append('status ' + exp['ExecutionStatus'])
    if 'Result' in exp:
        out.append('result ' + json.dumps(exp['Result'], separators=(',', ':')))
    for a in d.get('CallbackActions') or []:
        payload = a.get('Payload')
        out.append('action %s %s %s %s' % (a['Operation'], a['CallbackName'], a.get('Delay', 0),
                                           '-' if payload is None else json.dumps(payload, separators=(',', ':'))))
    for log in d.get('ExpectedLogs') or []:
        out.append('log %d %s' % (log['count'], log['match']['message'].strip('/')))
    for e in d['ExpectedExecutionHistory']:
        tokens = [str(e['EventId']), e['EventType']]
        for key, short in (('SubType', 'sub'), ('Id', 'id'), ('ParentId', 'parent'), ('Name', 'name')):
            if key in e:
                v = e[key]
                tokens.append('%s=%s' % (short, v[2:-1] if key in ('Id', 'ParentId') else json.dumps(v)))
        details = e.get(e['EventType'] + 'Details')
        pairs = []
        if isinstance(details, dict):
            flatten('', details, pairs)
        tokens += ['%s=%s' % (k, v) for k, v in pairs if k]
        out.append('  ' + '\t'.join(tokens))
    return out

def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for suite in sorted(os.listdir(src)):
        files = glob.glob(os.path.join(src, suite, '*.yaml'))
        if not files:
            continue
        key = lambda f: int(os.path.basename(f).split('-')[1].split('.')[0])
        lines = ['# %s: compact expectations, one case per block (format: CaseFile.java)' % suite]
        for f in sorted(files, key=key):
            num = os.path.basename(f)[:-5].replace('-', '.')
            lines += case_lines(num, yaml.safe_load(open(f)))
        with open(os.path.join(dst, suite + '.cases'), 'w') as o:
            o.write('\n'.join(lines) + '\n')

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
