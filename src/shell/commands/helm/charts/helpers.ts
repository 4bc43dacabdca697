// The `<chart>.fullname` helper that `helm create` scaffolds into every chart's _helpers.tpl:
// the release name, or release-chart, cut to 63 characters (a DNS label).

export function fullnameHelper(chart: string): string {
  return `{{- define "${chart}.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
`;
}
