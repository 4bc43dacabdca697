import { describe, expect, it } from 'vitest';
import { TemplateSet } from './exec';

function render(src: string, data: unknown, helpers = ''): string {
  const t = new TemplateSet();
  if (helpers) t.add('c/_helpers.tpl', helpers);
  t.add('c/t.yaml', src);
  return t.run('c/t.yaml', data);
}

describe('Go templates as Helm uses them', () => {
  it('trims whitespace around {{- and -}} and drops comments', () => {
    expect(render('a:\n  {{- /* gone */}}\n  b: {{ .x -}}\n  !', { x: 1 })).toBe('a:\n  b: 1!');
  });

  it('pipes the previous value as the last argument', () => {
    expect(render('{{ .Values.name | default "web" | upper | quote }}', { Values: {} })).toBe('"WEB"');
    expect(render('{{ "abcdefgh-" | trunc 5 }}|{{ "web-" | trimSuffix "-" }}', {})).toBe('abcde|web');
  });

  it('renders include with nindent, toYaml and nested defines', () => {
    const helpers = '{{- define "n" -}}{{ .Release.Name }}-app{{- end -}}\n{{- define "l" -}}\napp: {{ include "n" . }}\n{{- end -}}';
    const out = render('labels:\n  {{- include "l" . | nindent 2 }}\nres:\n  {{- toYaml .r | nindent 2 }}', { Release: { Name: 'r1' }, r: { limits: { cpu: '1', memory: '64Mi' } } }, helpers);
    expect(out).toBe('labels:\n  app: r1-app\nres:\n  limits:\n    cpu: "1"\n    memory: 64Mi');
  });

  it('supports if / else if / else, with and range with variables', () => {
    const src = '{{ if .a }}A{{ else if eq .b "x" }}B{{ else }}C{{ end }}|{{ with .m }}{{ .k }}{{ end }}|{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}|{{ range .e }}x{{ else }}none{{ end }}';
    expect(render(src, { b: 'x', m: { k: 'v' }, l: ['p', 'q'], e: [] })).toBe('B|v|0=p;1=q;|none');
  });

  it('keeps parentheses apart from a following field argument', () => {
    expect(render('{{ if and (eq .t "NodePort") .p }}yes{{ else }}no{{ end }}', { t: 'NodePort', p: 30080 })).toBe('yes');
    expect(render('{{ printf "%s-%s" .a (.b | default "z") }}', { a: 'x' })).toBe('x-z');
  });

  it('reports an unknown function as Go does', () => {
    expect(() => render('{{ nope .x }}', {})).toThrow(/function "nope" not defined/);
  });
});
